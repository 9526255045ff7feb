import type {
  ApiError,
  Delivery,
  EventType,
  OutboxRecord,
  OutboxState,
  TrackerEvent,
  TrackerEventInput,
} from '../schemas';
import type { LookupState } from './contact-lookup';

/** One line of a contact's history: an event the platform has, or one still in this browser's outbox. */
export interface HistoryItem {
  id: string;
  type: EventType;
  amount?: string;
  currency?: string;
  note?: string;
  occurredAt: string;
  state: OutboxState;
  /** Who logged it: a manager by hand, the bot flow's "Send Tracker Event" step, or the tracker's postback. */
  source: TrackerEvent['source'];
  stepName?: string;
  /** The platform stored it but the tracker refused to forward it. */
  rejectedByTracker: boolean;
  /** Why the platform refused it, on a failed event. */
  error?: ApiError;
  /** Where the platform forwarded it, one per tracker; absent while only the outbox has it, or on a platform without. */
  deliveries?: readonly Delivery[];
}

/** The fields compared by what they say rather than by identity: each lookup brings them anew. */
const COMPARED_BY_VALUE: readonly (keyof HistoryItem)[] = ['error', 'deliveries'];

/** Whether two items show the same: every field equal, the error and the deliveries by what they say. */
export function sameHistoryItem(a: HistoryItem, b: HistoryItem): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)] as (keyof HistoryItem)[]);
  return [...keys].every((key) =>
    COMPARED_BY_VALUE.includes(key) ? JSON.stringify(a[key]) === JSON.stringify(b[key]) : Object.is(a[key], b[key]),
  );
}

/** What the platform's events and the outbox's records both say of an event. */
function eventFields(event: TrackerEventInput) {
  const { id, type, amount, currency, note, occurredAt } = event;
  return { id, type, amount, currency, note, occurredAt };
}

function fromPlatform(event: TrackerEvent): HistoryItem {
  return {
    ...eventFields(event),
    state: 'sent',
    source: event.source,
    stepName: event.stepName,
    rejectedByTracker: event.status === 'rejected',
    deliveries: event.deliveries,
  };
}

function fromOutbox(record: OutboxRecord): HistoryItem {
  return {
    ...eventFields(record.event),
    state: record.state,
    source: 'manual',
    rejectedByTracker: false,
    error: record.state === 'failed' ? record.lastError : undefined,
  };
}

/**
 * The platform's events and this browser's outbox as one list, newest first. An event in both is shown as the
 * platform has it: once the platform stored it, it is Sent, whatever the outbox still believes.
 */
export function mergeHistory(events: readonly TrackerEvent[], records: readonly OutboxRecord[]): HistoryItem[] {
  const byId = new Map<string, HistoryItem>();
  for (const record of records) byId.set(record.event.id, fromOutbox(record));
  for (const event of events) byId.set(event.id, fromPlatform(event));
  return [...byId.values()].sort((a, b) => Date.parse(b.occurredAt) - Date.parse(a.occurredAt));
}

const counts = (item: HistoryItem) => item.state !== 'failed';

/**
 * Deposit means the first deposit: once the team's is stored or on its way, the next payment is a redeposit. A
 * partner's postback is not the team's deposit (the server takes the first one by hand beside it), but it does say the
 * lead got past registering.
 */
export function proposedEventType(history: readonly HistoryItem[]): EventType {
  const logged = history.filter(counts);
  const teams = logged.filter((item) => item.source !== 'postback');
  if (teams.some((item) => item.type === 'deposit' || item.type === 'redeposit')) return 'redeposit';
  if (logged.some((item) => item.type === 'registration' || item.source === 'postback')) return 'deposit';
  return 'registration';
}

/** The open contact's history from what the panel holds: the lookup (when found) and its outbox records. */
export function historyOf(lookup: LookupState, outbox: readonly OutboxRecord[]): HistoryItem[] {
  return mergeHistory(lookup.status === 'found' ? lookup.events : [], outbox);
}
