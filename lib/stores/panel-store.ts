import { createStore, type StoreApi } from 'zustand/vanilla';
import { onBackgroundChange, sendMessage } from '../messaging/client';
import {
  DEFAULT_SETTINGS,
  typedExternalId,
  type ContactRef,
  type EventFormValues,
  type MessageResponse,
  type OutboxRecord,
  type OutboxStamp,
  type UnidentifiedChat,
  type IncomingMessage,
} from '../schemas';
import { createClickIdLink, NO_CLICK_ID_LINK } from './click-id-link';
import { coalesce } from './coalesce';
import { contactKeyOf, sameContact } from './contact-key';
import { createDeliveryFollower, type DeliveryFollower } from './delivery-follower';
import { blankDraft, buildEvent, editDraft, errorsAtFields, type EventDraft } from './event-draft';
import { historyOf, proposedEventType } from './event-history';
import type { Announcement, LookupState, PanelState, ShownEvent } from './panel-state';
import { problemOf } from './problem';

export type PanelStore = StoreApi<PanelState>;

/** While the outbox keeps changing, the panel spends at most a fifth of the page's time following it. */
const OUTBOX_REFRESH_REST_FACTOR = 4;

function lookupStateOf(result: MessageResponse<'contact.lookup'>): LookupState {
  if (result.status === 'found') return { status: 'found', contact: result.contact, events: result.events };
  if (result.status === 'error') return { status: 'error', message: result.error.message };
  return { status: result.status };
}

function identifiedContact(chat: UnidentifiedChat, externalId: string): ContactRef {
  return { channel: chat.channel, externalId, ...(chat.displayName ? { displayName: chat.displayName } : {}) };
}

/** Whether the form the manager confirmed is the one the store holds: the same contact, by the same name, and values. */
function sameEvent(shown: ShownEvent, values: EventFormValues, contact: ContactRef): boolean {
  return (
    sameContact(shown.contact, contact) &&
    shown.contact.displayName === contact.displayName &&
    (Object.keys(values) as (keyof EventFormValues)[]).every((field) => shown.values[field] === values[field])
  );
}

/** The list with this record first; a newer version of it already there (a list read after it was sent) stays. */
function withRecord(records: readonly OutboxRecord[], record: OutboxRecord, replacing = record.event.id): OutboxRecord[] {
  const known = records.find((shown) => shown.event.id === record.event.id);
  const newest = known && known.updatedAt > record.updatedAt ? known : record;
  return [newest, ...records.filter((shown) => shown.event.id !== record.event.id && shown.event.id !== replacing)];
}

/** The record whose state moved since the panel last showed or announced it: what the live region says next. */
function changedRecord(previous: readonly OutboxRecord[], next: readonly OutboxRecord[], announced: Announcement | undefined) {
  const seen = new Map(previous.map((record) => [record.event.id, record.state]));
  if (announced?.kind === 'event') seen.set(announced.event.id, announced.state);
  return next
    .filter((record) => seen.has(record.event.id) && seen.get(record.event.id) !== record.state)
    .sort((a, b) => b.updatedAt - a.updatedAt)[0];
}

/**
 * The state of one mounted Tracker Data UI. The content script keeps one store for the page, outside React, so the
 * panel, its drafts and its announcements survive the chat app rebuilding the header the UI is mounted in.
 */
export interface PanelStoreOptions {
  /** The site adapter's reader of the lead's own messages on the page, for proposing a click id from them. */
  readIncomingMessages?: (limit: number) => IncomingMessage[];
}

export function createPanelStore(options: PanelStoreOptions = {}): PanelStore {
  let lookupRequest = 0;
  /** The contact whose lookup the state holds, so a refresh of the same contact does not flash "loading". */
  let lookedUpKey: string | undefined;
  let stopListening = () => {};
  let deliveries: DeliveryFollower | undefined;

  const store = createStore<PanelState>()((set, get) => {
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

    const clickIdLink = createClickIdLink({
      contact: () => get().contact,
      lookup: () => get().lookup,
      link: () => get().clickIdLink,
      setLink: (link) => set({ clickIdLink: link }),
      linked: (contact) => {
        const { lookup } = get();
        set({ lookup: { status: 'found', contact, events: lookup.status === 'found' ? lookup.events : [] } });
      },
      readIncomingMessages: options.readIncomingMessages,
    });

    const announceRecord = (record: OutboxRecord) =>
      set({
        announcement: { kind: 'event', state: record.state, event: record.event, ...(record.lastError ? { error: record.lastError } : {}) },
      });
    const announceProblem = (error: unknown) => set({ announcement: { kind: 'problem', message: problemOf(error).message } });

    /** Until the manager picks a type, the open form follows what the history, as it loads, proposes. */
    const followProposal = () => {
      const key = currentKey();
      const draft = key ? get().drafts[key] : undefined;
      if (!key || !draft || draft.typeChosen || draft.saving) return;
      const type = proposedEventType(historyOf(get().lookup, get().outbox));
      if (type !== draft.values.type) putDraft(key, { ...draft, values: { ...draft.values, type } });
    };

    /** `keepShown`: a follow-up lookup that fails leaves the history as shown; the next one asks again. */
    const lookUp = async ({ keepShown = false } = {}) => {
      const { contact, open } = get();
      if (!contact || !open) return;
      const key = contactKeyOf(contact);
      const request = ++lookupRequest;
      if (lookedUpKey !== key) {
        lookedUpKey = key;
        set({ lookup: { status: 'loading' } });
      }
      let lookup: LookupState;
      try {
        lookup = lookupStateOf(await sendMessage('contact.lookup', { channel: contact.channel, externalId: contact.externalId }));
      } catch (error) {
        lookup = { status: 'error', message: problemOf(error).message };
      }
      if (request !== lookupRequest) return;
      if (keepShown && lookup.status === 'error' && get().lookup.status === 'found') return;
      set({ lookup });
      followProposal();
      void clickIdLink.propose();
    };

    const refreshOutbox = coalesce(async () => {
      const { contact, open } = get();
      if (!contact || !open) return;
      const key = contactKeyOf(contact);
      let records: OutboxRecord[];
      try {
        records = await sendMessage('outbox.list', { contact: { channel: contact.channel, externalId: contact.externalId } });
      } catch {
        // The list stays as last shown; the next outbox change asks again.
        return;
      }
      if (currentKey() !== key) return;
      const changed = changedRecord(get().outbox, records, get().announcement);
      set({ outbox: records });
      if (changed) announceRecord(changed);
      followProposal();
    }, OUTBOX_REFRESH_REST_FACTOR);

    const loadSettings = async () => {
      try {
        set({ defaultCurrency: (await sendMessage('settings.get', {})).defaultCurrency });
      } catch {
        // Without an answer the form starts on the built-in default currency; the manager can still pick another.
      }
    };

    const loadRecentCurrencies = async () => {
      try {
        set({ recentCurrencies: await sendMessage('currencies.recent', {}) });
      } catch {
        // The picker still offers the default currency first; the recent ones come with the next save.
      }
    };

    const load = () => {
      void lookUp();
      void refreshOutbox();
    };

    /** Runs an action on one outbox record at a time; a second click while it runs does nothing. */
    const onRecord = async (id: string, action: () => Promise<void>) => {
      if (get().busyIds.includes(id)) return;
      set({ busyIds: [...get().busyIds, id] });
      try {
        await action();
      } catch (error) {
        announceProblem(error);
      } finally {
        set({ busyIds: get().busyIds.filter((busy) => busy !== id) });
      }
    };

    /**
     * Whether the list can stay as it is after these outbox writes: each is another contact's, is shown as written,
     * or is the record of a Save still waiting for its answer, which brings it. Asking for the list then would only
     * compete, in the page and in the worker, with the POST of the event just saved.
     */
    const listHolds = (written: readonly OutboxStamp[] | undefined) => {
      const { contact, outbox, drafts } = get();
      if (!written || !contact) return false;
      const saving = drafts[contactKeyOf(contact)];
      return written.every(
        (record) =>
          !sameContact(record.event.contact, contact) ||
          outbox.some((shown) => shown.event.id === record.event.id && shown.updatedAt === record.updatedAt) ||
          (record.state === 'queued' && saving?.saving === true && saving.pending?.id === record.event.id),
      );
    };

    stopListening = onBackgroundChange((change, readWritten) => {
      if (change === 'session') void lookUp();
      else if (change === 'settings') void loadSettings().then(() => lookUp());
      else if (!listHolds(readWritten?.())) void refreshOutbox();
    });
    void loadSettings();
    void loadRecentCurrencies();
    deliveries = createDeliveryFollower(() => lookUp({ keepShown: true }), get);

    return {
      open: false,
      contact: undefined,
      unidentified: undefined,
      identifyError: undefined,
      lookup: { status: 'idle' },
      outbox: [],
      drafts: {},
      defaultCurrency: DEFAULT_SETTINGS.defaultCurrency,
      recentCurrencies: [],
      theme: undefined,
      announcement: undefined,
      busyIds: [],
      buttonFocusRequest: 0,
      formFocusRequest: 0,
      clickIdLink: NO_CLICK_ID_LINK,

      setTheme(theme) {
        if (get().theme !== theme) set({ theme });
      },

      setContact(contact) {
        if (contact && sameContact(get().contact, contact)) {
          set({ contact });
          return;
        }
        lookupRequest++;
        lookedUpKey = undefined;
        set({ contact, lookup: { status: 'idle' }, outbox: [], announcement: undefined, clickIdLink: NO_CLICK_ID_LINK });
        load();
      },

      async setChat({ contact, unidentified }) {
        const asked = unidentified && !contact ? unidentified : undefined;
        const sameChat = asked && get().unidentified?.chatKey === asked.chatKey && get().unidentified?.channel === asked.channel;
        set({ unidentified: asked, ...(sameChat ? {} : { identifyError: undefined }) });
        if (!asked) return get().setContact(contact);
        if (sameChat && get().contact) return;
        get().setContact(undefined);
        try {
          const { externalId } = await sendMessage('chat.recall', asked);
          if (externalId && get().unidentified === asked) get().setContact(identifiedContact(asked, externalId));
        } catch (error) {
          set({ identifyError: problemOf(error).message });
        }
      },

      async identify(typed) {
        const chat = get().unidentified;
        if (!chat) return false;
        const id = typedExternalId(chat.channel, typed);
        if (!id.ok) {
          set({ identifyError: id.message });
          return false;
        }
        try {
          await sendMessage('chat.remember', { ...chat, externalId: id.value });
        } catch (error) {
          set({ identifyError: problemOf(error).message });
          return false;
        }
        set({ identifyError: undefined });
        if (get().unidentified === chat) get().setContact(identifiedContact(chat, id.value));
        return true;
      },

      changeIdentity() {
        if (get().unidentified) get().setContact(undefined);
      },

      setOpen(open) {
        set({ open });
        if (open) load();
      },

      toggle() {
        get().setOpen(!get().open);
      },

      closeFromPanel() {
        set({ open: false, buttonFocusRequest: get().buttonFocusRequest + 1 });
      },

      reload() {
        lookedUpKey = undefined;
        load();
      },

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
          announceRecord(record);
          if (record.event.currency && record.event.currency !== get().recentCurrencies[0]) void loadRecentCurrencies();
          return true;
        } catch (error) {
          // The answer may be what was lost, not the Save: a record stored meanwhile is shown.
          void refreshOutbox();
          const problem = problemOf(error);
          const current = get().drafts[key];
          if (!current) announceProblem(error);
          else putDraft(key, { ...current, saving: false, errors: problem.fields ? errorsAtFields(problem.fields, problem.message) : { form: problem.message } });
          return false;
        }
      },

      refuseChangedForm() {
        const key = currentKey();
        const draft = key ? get().drafts[key] : undefined;
        if (key && draft) putDraft(key, { ...draft, errors: { ...draft.errors, form: { rule: 'form.changed' } } });
      },

      resendAsRedeposit: (id) =>
        onRecord(id, async () => {
          const record = await sendMessage('event.resendAsRedeposit', { id, newId: crypto.randomUUID() });
          if (sameContact(record.event.contact, get().contact)) set({ outbox: withRecord(get().outbox, record, id) });
          announceRecord(record);
        }),

      retry: (id) =>
        onRecord(id, async () => {
          await sendMessage('outbox.retry', { id });
          await refreshOutbox();
        }),

      dismiss: (id) =>
        onRecord(id, async () => {
          await sendMessage('outbox.dismiss', { id });
          await refreshOutbox();
        }),

      linkClickId: (typed) => clickIdLink.linkTyped(typed),
      acceptClickIdProposal: () => clickIdLink.acceptProposal(),

      dispose() {
        stopListening();
        deliveries?.stop();
      },
    };
  });
  store.subscribe((state, previous) => deliveries?.follow(state, previous));
  return store;
}
