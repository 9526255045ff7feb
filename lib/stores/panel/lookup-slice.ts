import { sendMessage } from '../../messaging/client';
import type { IncomingMessage, OutboxRecord } from '../../schemas';
import { coalesce } from '../../domain/coalesce';
import { contactKeyOf } from '../../domain/contact-key';
import { lookupStateOf, type LookupState } from '../../domain/contact-lookup';
import { createClickIdLink, NO_CLICK_ID_LINK } from '../click-id-link';
import type { Announcement, LookupSlice, PanelSlice } from '../panel-state';
import { problemOf } from '../problem';

/** While the outbox keeps changing, the panel spends at most a fifth of the page's time following it. */
const OUTBOX_REFRESH_REST_FACTOR = 4;

/** The record whose state moved since the panel last showed or announced it: what the live region says next. */
function changedRecord(
  previous: readonly OutboxRecord[],
  next: readonly OutboxRecord[],
  announced: Announcement | undefined,
) {
  const seen = new Map(previous.map((record) => [record.event.id, record.state]));
  if (announced?.kind === 'event') seen.set(announced.event.id, announced.state);
  return next
    .filter((record) => seen.has(record.event.id) && seen.get(record.event.id) !== record.state)
    .sort((a, b) => b.updatedAt - a.updatedAt)[0];
}

export interface LookupSliceOptions {
  /** The site adapter's reader of the lead's own messages on the page, for proposing a click id from them. */
  readIncomingMessages?: (limit: number) => IncomingMessage[];
}

export function createLookupSlice(options: LookupSliceOptions): PanelSlice<LookupSlice> {
  return (set, get) => {
    const currentKey = () => {
      const { contact } = get();
      return contact ? contactKeyOf(contact) : undefined;
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

    const refreshOutbox = coalesce(async () => {
      const { contact, open } = get();
      if (!contact || !open) return;
      const key = contactKeyOf(contact);
      let records: OutboxRecord[];
      try {
        records = await sendMessage('outbox.list', {
          contact: { channel: contact.channel, externalId: contact.externalId },
        });
      } catch {
        // The list stays as last shown; the next outbox change asks again.
        return;
      }
      if (currentKey() !== key) return;
      const changed = changedRecord(get().outbox, records, get().announcement);
      set({ outbox: records });
      if (changed) get().announceRecord(changed);
      get().followProposal();
    }, OUTBOX_REFRESH_REST_FACTOR);

    return {
      lookup: { status: 'idle' },
      outbox: [],
      clickIdLink: NO_CLICK_ID_LINK,
      lookupRequest: 0,
      lookedUpKey: undefined,

      async lookUp({ keepShown = false } = {}) {
        const { contact, open } = get();
        if (!contact || !open) return;
        const key = contactKeyOf(contact);
        const request = get().lookupRequest + 1;
        set(
          get().lookedUpKey === key
            ? { lookupRequest: request }
            : { lookupRequest: request, lookedUpKey: key, lookup: { status: 'loading' } },
        );
        let lookup: LookupState;
        try {
          lookup = lookupStateOf(
            await sendMessage('contact.lookup', { channel: contact.channel, externalId: contact.externalId }),
          );
        } catch (error) {
          lookup = { status: 'error', message: problemOf(error).message };
        }
        if (request !== get().lookupRequest) return;
        if (keepShown && lookup.status === 'error' && get().lookup.status === 'found') return;
        set({ lookup });
        get().followProposal();
        void clickIdLink.propose();
      },

      refreshOutbox,

      load() {
        void get().lookUp();
        void get().refreshOutbox();
      },

      reload() {
        set({ lookedUpKey: undefined });
        get().load();
      },

      linkClickId: (typed) => clickIdLink.linkTyped(typed),
      acceptClickIdProposal: () => clickIdLink.acceptProposal(),
    };
  };
}
