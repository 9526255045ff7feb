import { CHATWOOT_MATCHES } from './chatwoot/matches';
import { TELEGRAM_A_MATCHES } from './telegram-a/matches';
import { TELEGRAM_K_MATCHES } from './telegram-k/matches';
import { WHATSAPP_MATCHES } from './whatsapp/matches';

/**
 * The manifest match patterns of every built-in site, by adapter id, and nothing else: the background imports this for
 * its sender check, so its bundle carries no adapter's selectors. Sites the manager adds (a self-hosted Chatwoot, any
 * page) are registered at run time and have none here.
 */
export const siteMatches: Readonly<Record<string, readonly string[]>> = {
  'telegram-k': TELEGRAM_K_MATCHES,
  'telegram-a': TELEGRAM_A_MATCHES,
  whatsapp: WHATSAPP_MATCHES,
  chatwoot: CHATWOOT_MATCHES,
};

/** The content script's `matches`, and the pages the background accepts content-script messages from. */
export const contentScriptMatches: readonly string[] = [...new Set(Object.values(siteMatches).flat())];
