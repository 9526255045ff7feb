import { trackerEventSchema } from '../../lib/schemas/api';
import type { TrackerEvent, TrackerEventInput } from '../../lib/schemas/api';
import type { EventRow } from '../db/tables';

/** An event row joined with its contact's address. */
export type EventWithContact = EventRow & { channel: string; external_id: string };

/** What the server adds to an event the client posted. */
export type Receipt = Pick<TrackerEvent, 'status' | 'receivedAt' | 'source' | 'stepName' | 'operatorId'>;

const optional = (value: string | null) => value ?? undefined;

export function eventFromRow(row: EventWithContact): TrackerEvent {
  return trackerEventSchema.parse({
    id: row.id,
    type: row.type,
    contact: {
      channel: row.channel,
      externalId: row.external_id,
      displayName: optional(row.contact_display_name),
      username: optional(row.contact_username),
    },
    amount: optional(row.amount),
    currency: optional(row.currency),
    occurredAt: row.occurred_at,
    note: optional(row.note),
    status: row.status,
    receivedAt: row.received_at,
    source: row.source,
    stepName: optional(row.step_name),
    operatorId: optional(row.operator_id),
  });
}

export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value).filter(([, inner]) => inner !== undefined);
  return Object.fromEntries(
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, inner]) => [key, sortKeys(inner)]),
  );
}

/** The event's row but for its contact's id, which the database finds or makes while writing it. */
export function eventRow(input: TrackerEventInput, receipt: Receipt): Omit<EventRow, 'contact_id'> {
  return {
    id: input.id,
    type: input.type,
    contact_display_name: input.contact.displayName ?? null,
    contact_username: input.contact.username ?? null,
    amount: input.amount ?? null,
    currency: input.currency ?? null,
    occurred_at: input.occurredAt,
    occurred_at_ms: Date.parse(input.occurredAt),
    received_at: receipt.receivedAt,
    note: input.note ?? null,
    status: receipt.status,
    source: receipt.source,
    step_name: receipt.stepName ?? null,
    operator_id: receipt.operatorId ?? null,
    canonical_body: canonicalJson(input),
  };
}
