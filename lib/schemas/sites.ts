import { z } from 'zod/mini';

/**
 * Sites the manager adds at run time: a self-hosted Chatwoot, or any other page ("Use on this site" in the popup).
 * A site is a host served over https; the content script is registered for every page and port of it.
 */
export const addedSiteKindSchema = z.enum(['chatwoot', 'any-page']);
export type AddedSiteKind = z.infer<typeof addedSiteKindSchema>;

const HOST = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;

export const siteHostSchema = z.string().check(z.regex(HOST, 'Enter a domain name, like chat.example.com'));

export const addedSiteSchema = z.object({ kind: addedSiteKindSchema, host: siteHostSchema });
export type AddedSite = z.infer<typeof addedSiteSchema>;

export const addedSitesSchema = z.array(addedSiteSchema);

/** The match pattern (and host permission) of an added site: every https page of the host, on any port. */
export function sitePattern(host: string): string {
  return `https://${host}/*`;
}

/** Why a typed Chatwoot domain was not taken, by rule; the UI says each in its language. */
export type ChatwootDomainProblem = 'empty' | 'not_domain' | 'not_https' | 'cloud';

/**
 * What a manager types or pastes as a Chatwoot domain: `chat.example.com`, or any URL of it (the address bar's
 * `https://chat.example.com/app/accounts/1/dashboard`). Becomes the host alone.
 */
export function chatwootDomainOf(
  typed: string,
): { ok: true; host: string } | { ok: false; problem: ChatwootDomainProblem } {
  const text = typed.trim();
  if (!text) return { ok: false, problem: 'empty' };
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  if (!URL.canParse(withScheme)) return { ok: false, problem: 'not_domain' };
  const url = new URL(withScheme);
  if (url.protocol !== 'https:') return { ok: false, problem: 'not_https' };
  if (!siteHostSchema.safeParse(url.hostname).success) return { ok: false, problem: 'not_domain' };
  if (url.hostname === 'app.chatwoot.com') return { ok: false, problem: 'cloud' };
  return { ok: true, host: url.hostname };
}

/** The host of a page the popup offers "Use on this site" for; only https pages can be added. */
export function addableHostOf(pageUrl: string | undefined): string | undefined {
  if (!pageUrl || !URL.canParse(pageUrl)) return undefined;
  const url = new URL(pageUrl);
  return url.protocol === 'https:' && siteHostSchema.safeParse(url.hostname).success ? url.hostname : undefined;
}
