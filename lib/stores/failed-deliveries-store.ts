import { createStore, type StoreApi } from 'zustand/vanilla';
import { sendMessage } from '../messaging/client';
import type { TrackerEvent } from '../schemas';
import { problemOf } from './problem';

export interface FailedDeliveriesState {
  /** The signed-in operator's events a tracker refused or the server gave up on, newest first. */
  events: readonly TrackerEvent[];
  /** Why the list could not be read; the rest of the popup works without it. */
  problem: string | undefined;
}

export type FailedDeliveriesStore = StoreApi<FailedDeliveriesState>;

async function failedDeliveries(): Promise<FailedDeliveriesState> {
  try {
    const answer = await sendMessage('deliveries.failed', {});
    if (answer.status === 'listed') return { events: answer.events, problem: undefined };
    return { events: [], problem: answer.status === 'error' ? answer.error.message : undefined };
  } catch (error) {
    return { events: [], problem: problemOf(error).message };
  }
}

/**
 * The popup's list of events no tracker counted, read from the platform once: the popup shows it while signed in, so
 * it is made again at each opening and each sign-in.
 */
export function createFailedDeliveriesStore(): FailedDeliveriesStore {
  const store = createStore<FailedDeliveriesState>()(() => ({ events: [], problem: undefined }));
  void failedDeliveries().then((state) => store.setState(state));
  return store;
}
