import { randomUUID } from 'node:crypto';
import { trackerEventInputSchema, type TrackerEventInput } from '../../../lib/schemas/api';

const TYPES = ['registration', 'deposit', 'redeposit'] as const;

/**
 * The events a stream posts: each contact gets a registration, its one first deposit and a redeposit, so the server
 * walks its usual paths (a new contact, the deposit check, a known contact) and never answers `deposit_exists`.
 * `prefix` keeps the contacts of each stream apart, so streams can share a database.
 */
export function eventStream(prefix: string): () => TrackerEventInput {
  let index = 0;
  return () => {
    const type = TYPES[index % TYPES.length]!;
    const contact = Math.floor(index / TYPES.length);
    index += 1;
    const event: TrackerEventInput = {
      id: randomUUID(),
      type,
      contact: {
        channel: 'telegram',
        externalId: `${prefix}-${contact}`,
        displayName: `Bench lead ${contact}`,
        username: `lead${contact}`,
      },
      occurredAt: new Date().toISOString(),
      ...(type === 'registration' ? {} : { amount: type === 'deposit' ? '150' : '75.25', currency: 'USD' }),
    };
    return event;
  };
}

/** Checks the stream against the schema the server validates with, so a 422 can never be the bench's own fault. */
export function assertValidStream(): void {
  const next = eventStream('check');
  for (let index = 0; index < TYPES.length; index += 1) {
    const result = trackerEventInputSchema.safeParse(next());
    if (!result.success) throw new Error(`The bench posts an invalid event: ${JSON.stringify(result.error.issues)}`);
  }
}

export function postHeaders(event: TrackerEventInput, token: string | undefined): Record<string, string> {
  return { 'idempotency-key': event.id, ...(token ? { authorization: `Bearer ${token}` } : {}) };
}
