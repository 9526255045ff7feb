import { stored, type UnidentifiedChat } from '../schemas';
import { readStored, writeStored } from './storage';

export interface ChatIdentities {
  recall(chat: UnidentifiedChat): Promise<string | undefined>;
  remember(chat: UnidentifiedChat, externalId: string): Promise<void>;
}

function entryFor(chat: UnidentifiedChat) {
  const { area, prefix, schema } = stored.chatIdentity;
  return { area, key: `${prefix}${chat.channel}:${chat.chatKey}`, schema };
}

/** The lead's id the manager typed for a chat the page does not identify, kept per chat so it is asked once. */
export function createChatIdentities(): ChatIdentities {
  return {
    recall: (chat) => readStored(entryFor(chat)),
    remember: (chat, externalId) => writeStored(entryFor(chat), externalId),
  };
}
