import { sendMessage } from '../messaging/client';
import {
  clickIdSchema,
  INCOMING_MESSAGES_MAX,
  matchFirstMessage,
  type Contact,
  type ContactRef,
  type IncomingMessage,
} from '../schemas';
import { contactKeyOf } from '../domain/contact-key';
import { pause } from '../domain/pause';
import type { LookupState } from '../domain/contact-lookup';
import { problemOf } from './problem';

/** Why a click id was not linked, for the panel to say in the manager's language. */
export type LinkProblem = { kind: 'invalid' } | { kind: 'signedOut' } | { kind: 'failed'; message: string };

export interface ClickIdLinkState {
  /** The click id the pattern found in one of the lead's messages, for the contact it was found for. */
  proposal: { contactKey: string; clickId: string; time?: string } | undefined;
  saving: boolean;
  /** Which way the last link went (typed or the proposal), so its problem shows where the manager acted. */
  problem: { from: 'typed' | 'proposal'; problem: LinkProblem } | undefined;
}

export const NO_CLICK_ID_LINK: ClickIdLinkState = { proposal: undefined, saving: false, problem: undefined };

export interface ClickIdLinkDeps {
  contact: () => ContactRef | undefined;
  lookup: () => LookupState;
  link: () => ClickIdLinkState;
  setLink: (link: ClickIdLinkState) => void;
  /** The contact as the platform has it after the link: the panel shows its tracker data at once. */
  linked: (contact: Contact) => void;
  /** The content script's reader of the lead's messages on the page; absent where there is no chat page. */
  readIncomingMessages?: (limit: number) => IncomingMessage[];
}

/** How long the panel waits before its second and last look at the lead's messages. */
export const PROPOSAL_RETRY_MS = 1000;

/** The lead has no click id yet: the platform does not know them, or knows them without one. */
export function lacksClickId(lookup: LookupState): boolean {
  return lookup.status === 'unknown' || (lookup.status === 'found' && !lookup.contact.trackerData.clickId);
}

/**
 * Linking the open contact to its tracker click id, by hand or from the lead's first message. The page is read only
 * for a contact without a click id, while the panel shows it, and only when the team set a pattern; what is read stays
 * in the page. Only the code the manager accepted, or typed, is sent.
 */
export function createClickIdLink(deps: ClickIdLinkDeps) {
  const keyNow = () => {
    const contact = deps.contact();
    return contact && contactKeyOf(contact);
  };

  async function propose(): Promise<void> {
    const key = keyNow();
    if (!key || !deps.readIncomingMessages || !lacksClickId(deps.lookup())) return;
    let pattern: string | undefined;
    try {
      pattern = (await sendMessage('team.settings', {})).firstMessagePattern;
    } catch {
      return;
    }
    // A chat app may still be drawing the lead's messages when the lookup answers: one more look a moment later.
    for (const wait of [0, PROPOSAL_RETRY_MS]) {
      if (wait) await pause(wait);
      if (!pattern || keyNow() !== key || !lacksClickId(deps.lookup()) || deps.link().proposal?.contactKey === key)
        return;
      const found = matchFirstMessage(pattern, deps.readIncomingMessages(INCOMING_MESSAGES_MAX));
      if (found) {
        deps.setLink({ ...deps.link(), proposal: { contactKey: key, ...found } });
        return;
      }
    }
  }

  async function link(clickId: string, from: 'typed' | 'proposal'): Promise<boolean> {
    const contact = deps.contact();
    if (!contact || deps.link().saving) return false;
    const key = contactKeyOf(contact);
    const checked = clickIdSchema.safeParse(clickId.trim());
    if (!checked.success) {
      deps.setLink({ ...deps.link(), problem: { from, problem: { kind: 'invalid' } } });
      return false;
    }
    deps.setLink({ ...deps.link(), saving: true, problem: undefined });
    let problem: LinkProblem;
    try {
      const answer = await sendMessage('contact.linkClickId', {
        channel: contact.channel,
        externalId: contact.externalId,
        trackerData: { clickId: checked.data },
      });
      if (answer.status === 'linked') {
        if (keyNow() === key) deps.linked(answer.contact);
        deps.setLink(NO_CLICK_ID_LINK);
        return true;
      }
      problem =
        answer.status === 'signedOut' ? { kind: 'signedOut' } : { kind: 'failed', message: answer.error.message };
    } catch (error) {
      const refusal = problemOf(error);
      problem =
        refusal.code === 'validation_failed' ? { kind: 'invalid' } : { kind: 'failed', message: refusal.message };
    }
    deps.setLink({ ...deps.link(), saving: false, problem: keyNow() === key ? { from, problem } : undefined });
    return false;
  }

  return {
    propose,
    linkTyped: (typed: string) => link(typed, 'typed'),
    acceptProposal: () => {
      const proposal = deps.link().proposal;
      return proposal && proposal.contactKey === keyNow() ? link(proposal.clickId, 'proposal') : Promise.resolve(false);
    },
  };
}
