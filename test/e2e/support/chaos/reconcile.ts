import type { OutboxRecord, TrackerEvent, TrackerEventInput } from '../../../../lib/schemas';
import type { PlannedEvent } from './plan';

/** The fields that make an event the one the manager saved. */
function essence(event: Pick<TrackerEventInput, 'type' | 'amount' | 'currency' | 'note' | 'contact'>) {
  return {
    type: event.type,
    amount: event.amount,
    currency: event.currency,
    note: event.note,
    externalId: event.contact.externalId,
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export interface Reconciliation {
  /** Outbox records, oldest first: one per Save. */
  saved: number;
  /** Saves whose record differs from what was typed (the form or the outbox changed it). */
  savedWrong: string[];
  /** Saved events the platform does not have. */
  lost: string[];
  /** Events the platform has by hand beyond one per Save: an id stored twice, or a Save stored again under a new id. */
  duplicated: string[];
  /** Saved events the platform stored with a different type, amount, currency, note, contact or time. */
  altered: string[];
  /** Saved events the outbox does not hold as Sent. */
  notSent: string[];
}

/**
 * Compares what the manager typed, what the outbox stored for each Save, and what the platform ended up with.
 * Records pair with the plan in the order they were saved (createdAt).
 */
export function reconcile(
  plan: readonly PlannedEvent[],
  records: readonly OutboxRecord[],
  platform: readonly TrackerEvent[],
): Reconciliation {
  const saved = [...records].sort((a, b) => a.createdAt - b.createdAt);
  const savedWrong: string[] = [];
  plan.forEach((planned, index) => {
    const record = saved[index];
    const expected = {
      type: planned.type,
      amount: planned.amount,
      currency: planned.currency,
      note: planned.note,
      externalId: planned.externalId,
    };
    if (!record || !same(essence(record.event), expected)) {
      savedWrong.push(
        `#${index + 1} ${JSON.stringify(expected)} saved as ${record ? JSON.stringify(essence(record.event)) : 'nothing'}`,
      );
    }
  });
  if (saved.length > plan.length) savedWrong.push(`${saved.length - plan.length} records more than Saves`);

  const byHand = platform.filter((event) => event.source === 'manual');
  const onPlatform = new Map(byHand.map((event) => [event.id, event]));
  const savedIds = new Set(saved.map((record) => record.event.id));
  const altered: string[] = [];
  for (const { event } of saved) {
    const stored = onPlatform.get(event.id);
    if (
      stored &&
      (!same(essence(stored), essence(event)) ||
        !same(stored.contact, event.contact) ||
        stored.occurredAt !== event.occurredAt)
    ) {
      altered.push(event.id);
    }
  }
  return {
    saved: saved.length,
    savedWrong,
    lost: saved.filter((record) => !onPlatform.has(record.event.id)).map((record) => record.event.id),
    duplicated: [
      ...byHand.filter((event) => !savedIds.has(event.id)).map((event) => `${event.id} never saved`),
      ...byHand
        .filter((event, index) => byHand.findIndex((other) => other.id === event.id) !== index)
        .map((event) => `${event.id} stored again`),
    ],
    altered,
    notSent: saved.filter((record) => record.state !== 'sent').map((record) => `${record.event.id} ${record.state}`),
  };
}
