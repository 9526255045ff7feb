import type { AddedSite } from '../schemas';
import { anyPage, createAnyPageAdapter } from './any-page';
import { chatwoot, createChatwootAdapter } from './chatwoot';
import type { SiteAdapter } from './shared/site-adapter';
import { telegramA } from './telegram-a';
import { telegramK } from './telegram-k';
import { whatsapp } from './whatsapp';

/** Every site the extension works on; adding a site is one line here plus its folder, fixtures and tests. */
export const siteAdapters: readonly SiteAdapter[] = [telegramK, telegramA, whatsapp, chatwoot, anyPage];

/** The adapter for a page, or undefined for a page no adapter claims (an unparsable URL claims none). */
export function adapterForUrl(url: URL | string): SiteAdapter | undefined {
  const parsed = typeof url === 'string' ? parseUrl(url) : url;
  return parsed && siteAdapters.find((adapter) => adapter.matchesUrl(parsed));
}

/**
 * The adapter for a page of a site the manager added (a self-hosted Chatwoot, any page), which the background names
 * for the page: undefined when the page is not on that site.
 */
export function adapterForAddedSite(url: URL, site: AddedSite | undefined): SiteAdapter | undefined {
  if (!site) return undefined;
  const adapter = site.kind === 'chatwoot' ? createChatwootAdapter([site.host]) : createAnyPageAdapter([site.host]);
  return adapter.matchesUrl(url) ? adapter : undefined;
}

function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}
