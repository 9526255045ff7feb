import type { MessageHandlers } from '../messaging/router';
import type { SiteRegistration } from './site-registration';

type SiteMessages = 'sites.list' | 'sites.add' | 'sites.remove' | 'sites.forPage';

/** The options page and the popup manage the added sites; a content script asks which one its page is. */
export function siteHandlers(sites: SiteRegistration): Pick<MessageHandlers, SiteMessages> {
  return {
    'sites.list': () => sites.list(),
    'sites.add': ({ tabId, ...site }) => sites.add(site, tabId),
    'sites.remove': ({ host }) => sites.remove(host),
    // Answered for the sender's own page, never for a URL it names: a content script learns only about itself.
    'sites.forPage': async (_request, sender) => {
      const site = sender.url ? await sites.siteFor(sender.url) : undefined;
      return site ? { site } : {};
    },
  };
}
