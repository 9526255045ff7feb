import { createStore, type StoreApi } from 'zustand/vanilla';
import { onBackgroundChange } from '../messaging/client';
import type { OutboxStamp } from '../schemas';
import { contactKeyOf, sameContact } from '../domain/contact-key';
import { createDeliveryFollower } from './delivery-follower';
import { createChatSlice } from './panel/chat-slice';
import { createDraftSlice } from './panel/draft-slice';
import { createLookupSlice, type LookupSliceOptions } from './panel/lookup-slice';
import { createRecordSlice } from './panel/record-slice';
import { createViewSlice } from './panel/view-slice';
import type { PanelState } from './panel-state';

export type PanelStore = StoreApi<PanelState>;

export type PanelStoreOptions = LookupSliceOptions;

/**
 * The state of one mounted Tracker Data UI, made of its slices. Creating it does nothing else: it listens to the
 * background and loads the settings only once `startPanelStore` is called.
 */
export function createPanelStore(options: PanelStoreOptions = {}): PanelStore {
  return createStore<PanelState>()((...slice) => ({
    ...createChatSlice(...slice),
    ...createLookupSlice(options)(...slice),
    ...createDraftSlice(...slice),
    ...createRecordSlice(...slice),
    ...createViewSlice(...slice),
  }));
}

/**
 * Whether the list can stay as it is after these outbox writes: each is another contact's, is shown as written, or is
 * the record of a Save still waiting for its answer, which brings it. Asking for the list then would only compete, in
 * the page and in the worker, with the POST of the event just saved.
 */
function listHolds({ contact, outbox, drafts }: PanelState, written: readonly OutboxStamp[] | undefined): boolean {
  if (!written || !contact) return false;
  const saving = drafts[contactKeyOf(contact)];
  return written.every(
    (record) =>
      !sameContact(record.event.contact, contact) ||
      outbox.some((shown) => shown.event.id === record.event.id && shown.updatedAt === record.updatedAt) ||
      (record.state === 'queued' && saving?.saving === true && saving.pending?.id === record.event.id),
  );
}

/**
 * Makes the store follow the background: the session, the settings and the outbox as they change, and an open panel's
 * deliveries until they arrive. Loads the settings and recent currencies. Returns the stop, which the content script
 * calls when the extension context goes away.
 */
export function startPanelStore(store: PanelStore): () => void {
  const state = store.getState;
  const stopListening = onBackgroundChange((change, readWritten) => {
    if (change === 'session') void state().lookUp();
    else if (change === 'settings')
      void state()
        .loadSettings()
        .then(() => state().lookUp());
    else if (!listHolds(state(), readWritten?.())) void state().refreshOutbox();
  });
  const deliveries = createDeliveryFollower(() => state().lookUp({ keepShown: true }), state);
  const stopFollowing = store.subscribe((next, previous) => deliveries.follow(next, previous));
  void state().loadSettings();
  void state().loadRecentCurrencies();
  return () => {
    stopListening();
    stopFollowing();
    deliveries.stop();
  };
}
