import { Agent, interceptors, request as undiciRequest } from 'undici';
import type { PostbackRequest } from '../../lib/schemas/destination';
import { parseRetryAfter } from './backoff';

/** What one attempt came to, in the terms the delivery rules use (server.md, "Delivery rules"). */
export type AttemptOutcome =
  | { kind: 'delivered'; status: number; body: string }
  /** 4xx other than 408 and 429: the tracker refuses this postback and will refuse it again. */
  | { kind: 'refused'; status: number; body: string }
  | { kind: 'retry'; status?: number; body?: string; error: string; retryAfterMs?: number };

/** A tracker's answer as kept and shown: enough to see what it said, never a whole page. */
export const ANSWER_BODY_MAX = 500;

export const cut = (text: string, max = ANSWER_BODY_MAX) => (text.length > max ? text.slice(0, max) : text);

export type PostbackAnswer = { status: number; body: string; retryAfterMs?: number } | { error: string };

/**
 * undici's `request` rather than `fetch`: the same client under Node's fetch without the WHATWG Request, Response and
 * stream objects, which cost a backlog's drain more CPU than anything else per postback. Redirects are followed as
 * fetch followed them (up to 20), so a tracker's answer means what it meant before.
 */
const dispatcher = new Agent().compose(interceptors.redirect({ maxRedirections: 20 }));

/** Sends one postback; a timeout, a refused or reset connection is an answer too: `{ error }`. */
export async function sendPostback(request: PostbackRequest, timeoutMs: number): Promise<PostbackAnswer> {
  try {
    const response = await undiciRequest(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: AbortSignal.timeout(timeoutMs),
      dispatcher,
    });
    const body = cut(await response.body.text());
    const retryAfter = response.headers['retry-after'];
    return {
      status: response.statusCode,
      body,
      retryAfterMs: parseRetryAfter((Array.isArray(retryAfter) ? retryAfter[0] : retryAfter) ?? null),
    };
  } catch (error) {
    return { error: describeFailure(error) };
  }
}

/** Says why no answer came without repeating the URL (which carries the key): undici's messages never include it. */
function describeFailure(error: unknown): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))
    return 'No answer: timed out';
  const failure = error as { code?: string; cause?: { code?: string } } | undefined;
  return `No answer: ${failure?.code ?? failure?.cause?.code ?? (error instanceof Error ? error.message : 'connection failed')}`;
}

export function outcomeOf(answer: PostbackAnswer): AttemptOutcome {
  if ('error' in answer) return { kind: 'retry', error: answer.error };
  const { status, body } = answer;
  if (status >= 200 && status < 300) return { kind: 'delivered', status, body };
  if (status >= 400 && status < 500 && status !== 408 && status !== 429) return { kind: 'refused', status, body };
  return {
    kind: 'retry',
    status,
    body,
    error: `HTTP ${status}${body ? `: ${cut(body, 200)}` : ''}`,
    retryAfterMs: answer.retryAfterMs,
  };
}
