import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import type { BrowserContext } from '@playwright/test';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

export interface ServedSite {
  /** The real URL the app lives at, e.g. https://web.telegram.org/k/ */
  baseUrl: string;
  /** Folder of the fixture app (index.html and its files). */
  dir: string;
  /** Extra response headers, e.g. a Content-Security-Policy like the real app's. */
  headers?: Record<string, string>;
}

/**
 * Serves a fixture chat app at its real URL, so content scripts inject there exactly as on the real site.
 * Any other request to that host is answered 404: nothing leaves the machine.
 */
export async function serveChatSite(context: BrowserContext, site: ServedSite): Promise<void> {
  const base = new URL(site.baseUrl);
  const root = resolve(site.dir);
  await context.route(`${base.origin}/**`, async (route) => {
    const url = new URL(route.request().url());
    if (!url.pathname.startsWith(base.pathname)) return route.fulfill({ status: 404, body: 'not part of the fixture' });
    const relative = url.pathname.slice(base.pathname.length) || 'index.html';
    const file = normalize(join(root, relative));
    if (!file.startsWith(root)) return route.fulfill({ status: 403 });
    try {
      const body = await readFile(file);
      await route.fulfill({
        status: 200,
        body,
        headers: { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', ...site.headers },
      });
    } catch {
      await route.fulfill({ status: 404, body: 'no such fixture file' });
    }
  });
}
