import { sendMessage } from '../../messaging/client';
import { DEFAULT_SETTINGS, type ContactRef, type EventFormValues } from '../../schemas';
import { contactKeyOf, sameContact } from '../../domain/contact-key';
import { blankDraft, buildEvent, editDraft, errorsAtFields, type EventDraft } from '../../domain/event-draft';
import { historyOf, proposedEventType } from '../../domain/event-history';
import { withRecord } from '../../domain/outbox-list';
import type { DraftSlice, PanelSlice, ShownEvent } from '../panel-state';
import { problemOf } from '../problem';

/** Whether the form the manager confirmed is the one the store holds: the same contact, by the same name, and values. */
function sameEvent(shown: ShownEvent, values: EventFormValues, contact: ContactRef): boolean {
  return (
    sameContact(shown.contact, contact) &&
    shown.contact.displayName === contact.displayName &&
    (Object.keys(values) as (keyof EventFormValues)[]).every((field) => shown.values[field] === values[field])
  );
}

export const createDraftSlice: PanelSlice<DraftSlice> = (set, get) => {
  const currentKey = () => {
    const { contact } = get();
    return contact ? contactKeyOf(contact) : undefined;
  };

  const putDraft = (key: string, draft: EventDraft | undefined) => {
    const drafts = { ...get().drafts };
    if (draft) drafts[key] = draft;
    else delete drafts[key];
    set({ drafts });
  };

  return {
    drafts: {},
    defaultCurrency: DEFAULT_SETTINGS.defaultCurrency,
    recentCurrencies: [],

    openForm() {
      const key = currentKey();
      if (!key || get().drafts[key]) return;
      putDraft(key, blankDraft(proposedEventType(historyOf(get().lookup, get().outbox)), get().defaultCurrency));
    },

    openFormToLog() {
      if (!get().open) get().setOpen(true);
      get().openForm();
      set({ formFocusRequest: get().formFocusRequest + 1 });
    },

    closeForm() {
      const key = currentKey();
      if (key) putDraft(key, undefined);
    },

    editForm(patch) {
      const key = currentKey();
      const draft = key ? get().drafts[key] : undefined;
      if (key && draft) putDraft(key, editDraft(draft, patch));
    },

    async save(language, shown) {
      const { contact } = get();
      if (!contact) return false;
      const key = contactKeyOf(contact);
      const draft = get().drafts[key];
      if (!draft || draft.saving) return false;
      if (!sameEvent(shown, draft.values, contact)) {
        get().refuseChangedForm();
        return false;
      }
      const built = buildEvent(
        draft.values,
        language,
        contact,
        () => draft.pending?.id ?? crypto.randomUUID(),
        () => new Date(draft.pending?.occurredAt ?? Date.now()),
      );
      if (!built.ok) {
        putDraft(key, { ...draft, errors: built.errors });
        return false;
      }
      const pending = { id: built.event.id, occurredAt: built.event.occurredAt };
      putDraft(key, { ...draft, saving: true, errors: {}, pending });
      try {
        const record = await sendMessage('event.submit', built.event);
        putDraft(key, undefined);
        if (currentKey() === key) set({ outbox: withRecord(get().outbox, record) });
        get().announceRecord(record);
        if (record.event.currency && record.event.currency !== get().recentCurrencies[0])
          void get().loadRecentCurrencies();
        return true;
      } catch (error) {
        // The answer may be what was lost, not the Save: a record stored meanwhile is shown.
        void get().refreshOutbox();
        const problem = problemOf(error);
        const current = get().drafts[key];
        if (!current) get().announceProblem(error);
        else
          putDraft(key, {
            ...current,
            saving: false,
            errors: problem.fields ? errorsAtFields(problem.fields, problem.message) : { form: problem.message },
          });
        return false;
      }
    },

    refuseChangedForm() {
      const key = currentKey();
      const draft = key ? get().drafts[key] : undefined;
      if (key && draft) putDraft(key, { ...draft, errors: { ...draft.errors, form: { rule: 'form.changed' } } });
    },

    followProposal() {
      const key = currentKey();
      const draft = key ? get().drafts[key] : undefined;
      if (!key || !draft || draft.typeChosen || draft.saving) return;
      const type = proposedEventType(historyOf(get().lookup, get().outbox));
      if (type !== draft.values.type) putDraft(key, { ...draft, values: { ...draft.values, type } });
    },

    async loadSettings() {
      try {
        set({ defaultCurrency: (await sendMessage('settings.get', {})).defaultCurrency });
      } catch {
        // Without an answer the form starts on the built-in default currency; the manager can still pick another.
      }
    },

    async loadRecentCurrencies() {
      try {
        set({ recentCurrencies: await sendMessage('currencies.recent', {}) });
      } catch {
        // The picker still offers the default currency first; the recent ones come with the next save.
      }
    },
  };
};
