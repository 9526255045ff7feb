import type { OutboxRecord } from '../schemas';
import type { LookupState } from '../domain/contact-lookup';
import type { PanelState } from './panel-state';

/** How often an open panel asks the platform again while an event it shows is still on its way to a tracker. */
export const DELIVERY_REFRESH_MS = 10_000;
/**
 * How long after an event of the open chat was sent the panel asks where it went: the server forwards it within a
 * fraction of a second when its queue is idle, and a drain of many events still makes one lookup a second at most.
 */
export const SENT_REFRESH_MS = 1_000;

/** Whether a tracker may still get one of the looked-up events: a delivery waits for its turn or for a click id. */
export function awaitsDelivery(lookup: LookupState): boolean {
  return (
    lookup.status === 'found' &&
    lookup.events.some((event) =>
      event.deliveries?.some((delivery) => delivery.state === 'pending' || delivery.state === 'held'),
    )
  );
}

/** Whether one of the records shown before has been sent since: the platform now knows where it goes. */
function sentSince(previous: readonly OutboxRecord[], next: readonly OutboxRecord[]): boolean {
  const before = new Map(previous.map((record) => [record.event.id, record.state]));
  return next.some(
    (record) => record.state === 'sent' && before.has(record.event.id) && before.get(record.event.id) !== 'sent',
  );
}

export interface DeliveryFollower {
  /** Called with every change of the panel's state: starts, keeps or stops the follow-up lookups. */
  follow(state: PanelState, previous: PanelState): void;
  stop(): void;
}

/**
 * Keeps an open panel's deliveries current: it asks the contact lookup again while a shown event's delivery is pending
 * or held, and soon after an event of the open chat was sent; never while the panel is closed. One timer at a time.
 */
export function createDeliveryFollower(refresh: () => Promise<void>, current: () => PanelState): DeliveryFollower {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let dueAt = Infinity;

  const stop = () => {
    clearTimeout(timer);
    timer = undefined;
    dueAt = Infinity;
  };

  const tick = async () => {
    timer = undefined;
    dueAt = Infinity;
    await refresh();
    const state = current();
    if (state.open && awaitsDelivery(state.lookup)) schedule(DELIVERY_REFRESH_MS);
  };

  /** A lookup in `delay` ms, unless one is due sooner already. */
  function schedule(delay: number) {
    const at = Date.now() + delay;
    if (timer !== undefined && dueAt <= at) return;
    clearTimeout(timer);
    dueAt = at;
    timer = setTimeout(() => void tick(), delay);
  }

  return {
    follow(state, previous) {
      if (!state.open || !state.contact) {
        stop();
        return;
      }
      if (state.outbox !== previous.outbox && sentSince(previous.outbox, state.outbox)) schedule(SENT_REFRESH_MS);
      if ((state.lookup !== previous.lookup || !previous.open) && awaitsDelivery(state.lookup))
        schedule(DELIVERY_REFRESH_MS);
    },
    stop,
  };
}
