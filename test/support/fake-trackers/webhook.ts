import { startFakeTracker } from './fake-tracker';
import type { Conversion, FakeTracker, ReceivedRequest } from './fake-tracker';

/**
 * A generic webhook receiver: it records every request (method, headers, body) and counts each, reading the
 * conversion from a JSON body's or the query's `click_id`, `status`, `amount`, `currency` and `event_id`.
 */
export interface FakeWebhook extends FakeTracker {
  /** Any path under it is accepted. */
  readonly hookUrl: string;
}

function fieldsOf(request: ReceivedRequest): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(request.body);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch {
    // not JSON: the query is all there is
  }
  return Object.fromEntries(request.query);
}

function conversionOf(request: ReceivedRequest): Conversion {
  const fields = fieldsOf(request);
  const text = (name: string) => (typeof fields[name] === 'string' ? (fields[name] as string) : undefined);
  return {
    clickId: text('click_id') ?? '',
    status: text('status'),
    amount: text('amount'),
    currency: text('currency'),
    eventId: text('event_id'),
    request,
  };
}

export async function startFakeWebhook(): Promise<FakeWebhook> {
  const tracker = await startFakeTracker({
    accepts: (path) => path === '/hook' || path.startsWith('/hook/'),
    read: conversionOf,
    dedupKey: () => undefined,
    answer: () => ({ status: 204, body: '' }),
  });
  return { ...tracker, hookUrl: `${tracker.origin}/hook` };
}
