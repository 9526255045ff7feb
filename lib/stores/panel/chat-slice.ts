import { sendMessage } from '../../messaging/client';
import { typedExternalId, type ContactRef, type UnidentifiedChat } from '../../schemas';
import { sameContact } from '../../domain/contact-key';
import { NO_CLICK_ID_LINK } from '../click-id-link';
import type { ChatSlice, PanelSlice } from '../panel-state';
import { problemOf } from '../problem';

function identifiedContact(chat: UnidentifiedChat, externalId: string): ContactRef {
  return { channel: chat.channel, externalId, ...(chat.displayName ? { displayName: chat.displayName } : {}) };
}

export const createChatSlice: PanelSlice<ChatSlice> = (set, get) => ({
  contact: undefined,
  unidentified: undefined,
  identifyError: undefined,

  setContact(contact) {
    if (contact && sameContact(get().contact, contact)) {
      set({ contact });
      return;
    }
    // Another contact: an answer still coming for the last one is dropped, and nothing of it stays on show.
    set({
      contact,
      lookup: { status: 'idle' },
      lookupRequest: get().lookupRequest + 1,
      lookedUpKey: undefined,
      outbox: [],
      announcement: undefined,
      clickIdLink: NO_CLICK_ID_LINK,
    });
    get().load();
  },

  async setChat({ contact, unidentified }) {
    const asked = unidentified && !contact ? unidentified : undefined;
    const sameChat =
      asked && get().unidentified?.chatKey === asked.chatKey && get().unidentified?.channel === asked.channel;
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
      set({ identifyError: id.problem });
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
});
