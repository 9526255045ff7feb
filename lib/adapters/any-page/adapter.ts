import { sitePattern } from '../../schemas';
import type { SiteAdapter } from '../shared/site-adapter';
import { urlMatcher } from '../shared/match-pattern';
import { queryFirst } from '../shared/query';
import { TITLE_HOLDER } from './selectors';

const TITLE_MAX = 256;
const CHAT_KEY_MAX = 512;

/**
 * Any page the manager chose with "Use on this site": the page never says who the lead is, so the panel asks and
 * remembers the answer per page title (a CRM's lead card, a help desk ticket: one title per lead). The button
 * floats, as there is no header to put it in. Matches only the hosts given: nothing is claimed by default.
 */
export function createAnyPageAdapter(addedHosts: readonly string[] = []): SiteAdapter {
  return {
    id: 'any-page',
    label: 'This site',
    matches: [],
    registeredAtRunTime: true,
    matchesUrl: urlMatcher(addedHosts.map(sitePattern)),
    readContact: () => undefined,
    readUnidentifiedChat: (doc, url) => {
      const title = doc.title.replace(/\s+/g, ' ').trim().slice(0, TITLE_MAX);
      return {
        channel: 'web',
        chatKey: `${url.origin}|${title}`.slice(0, CHAT_KEY_MAX),
        ...(title && { displayName: title }),
      };
    },
    findMountPoint: () => undefined,
    conversationRoot: (doc) => queryFirst(doc, TITLE_HOLDER) ?? doc.body ?? undefined,
  };
}

export const anyPage = createAnyPageAdapter();
