import { sendMessage } from '../../messaging/client';
import { sameContact } from '../../domain/contact-key';
import { withRecord } from '../../domain/outbox-list';
import type { PanelSlice, RecordSlice } from '../panel-state';

export const createRecordSlice: PanelSlice<RecordSlice> = (set, get) => {
  /** Runs an action on one outbox record at a time; a second click while it runs does nothing. */
  const onRecord = async (id: string, action: () => Promise<void>) => {
    if (get().busyIds.includes(id)) return;
    set({ busyIds: [...get().busyIds, id] });
    try {
      await action();
    } catch (error) {
      get().announceProblem(error);
    } finally {
      set({ busyIds: get().busyIds.filter((busy) => busy !== id) });
    }
  };

  return {
    busyIds: [],

    resendAsRedeposit: (id) =>
      onRecord(id, async () => {
        const record = await sendMessage('event.resendAsRedeposit', { id, newId: crypto.randomUUID() });
        if (sameContact(record.event.contact, get().contact)) set({ outbox: withRecord(get().outbox, record, id) });
        get().announceRecord(record);
      }),

    retry: (id) =>
      onRecord(id, async () => {
        await sendMessage('outbox.retry', { id });
        await get().refreshOutbox();
      }),

    dismiss: (id) =>
      onRecord(id, async () => {
        await sendMessage('outbox.dismiss', { id });
        await get().refreshOutbox();
      }),
  };
};
