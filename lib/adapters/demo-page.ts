import { LOOPBACK_HOSTS } from '../schemas';

/**
 * The URL an adapter reads a page as. Development builds also run on the sandbox's demo pages, which copy a chat app
 * under its host name (http://127.0.0.1:8787/demo/web.telegram.org/k/ stands for https://web.telegram.org/k/);
 * production builds never match loopback pages, so there this is the page's own URL.
 */
export function pageUrl(href: string): URL {
  const url = new URL(href);
  if (import.meta.env.MODE === 'production' || !(LOOPBACK_HOSTS as readonly string[]).includes(url.hostname))
    return url;
  const demo = /^\/demo\/([a-z0-9.-]+)(\/.*)?$/.exec(url.pathname);
  if (!demo) return url;
  return new URL(`https://${demo[1]}${demo[2] ?? '/'}${url.search}${url.hash}`);
}
