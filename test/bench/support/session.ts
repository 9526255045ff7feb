import type { BrowserContext, Page, Worker } from '@playwright/test';
import { serveChatSite, type ServedSite } from '../../e2e/support/chat-sites';
import { EXTENSION_DIR, type LoadedExtension } from '../../e2e/support/extension';
import { setApiUrl, signIn } from '../../e2e/support/manager';
import type { CommitLog } from './commits';
import { buildBaselineExtension, type BaselineEvent } from './baseline-extension';
import { launchExtension } from './launch';
import { startPlatformThread, type PlatformThread } from './platform-thread';

export const WHATSAPP = { baseUrl: 'https://web.whatsapp.com/', dir: 'test/fixtures/whatsapp/app' };

/**
 * Everything the figures share: the sandbox in a thread of its own, the commits it made, and Chromium with the extension
 * and the baseline extension (built here to save `baselineEvent`).
 */
export interface BenchSession {
  sandbox: Pick<PlatformThread, 'url' | 'port' | 'storedIds'>;
  commits: CommitLog;
  extension: LoadedExtension;
  extensionDir: string;
  chromiumVersion: string;
  close(): Promise<void>;
}

export async function openBenchSession(options: {
  debuggingPort?: boolean;
  baselineEvent: BaselineEvent;
}): Promise<BenchSession> {
  const sandbox = await startPlatformThread();
  const extension = await launchExtension({
    debuggingPort: options.debuggingPort,
    alongside: [buildBaselineExtension(options.baselineEvent)],
  });
  await setApiUrl(extension, sandbox.url);
  await signIn(extension);
  return {
    sandbox,
    commits: sandbox.commits,
    extension,
    extensionDir: EXTENSION_DIR,
    chromiumVersion: await browserVersion(extension.context),
    async close() {
      await extension.context.close();
      await sandbox.close();
    },
  };
}

async function browserVersion(context: BrowserContext): Promise<string> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const { product } = (await cdp.send('Browser.getVersion')) as { product: string };
  await cdp.detach();
  await page.close();
  return product.replace(/^[^/]*\//, '');
}

/**
 * Opens a chat app's page at its real URL, then takes the route away again. While any route is set, Playwright holds
 * every request of the context (the service worker's POSTs included) until its Node side has looked at it: a round
 * trip inside every figure that has a request in it (docs/performance.md, "How the bench measures"). The fixture apps load everything at start, so nothing needs it after.
 */
export async function openChatPage(context: BrowserContext, site: ServedSite, url = site.baseUrl): Promise<Page> {
  return served(context, site, async () => {
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'load' });
    return page;
  });
}

/**
 * Opens a chat app's page in a window of its own, as openChatPage does in a tab. Only the tab in front of a window
 * gets animation frames; every window gets them, so pages in windows can run side by side. Opened with `noopener`
 * from `opener`, the page gets a renderer of its own even beside another page of the same site.
 */
export async function openChatWindow(opener: Page, site: ServedSite, url = site.baseUrl): Promise<Page> {
  const context = opener.context();
  return served(context, site, async () => {
    const [page] = await Promise.all([
      context.waitForEvent('page'),
      opener.evaluate((url) => void window.open(url, '_blank', 'popup,noopener,width=1280,height=720'), url),
    ]);
    await page.waitForLoadState('load');
    return page;
  });
}

async function served<T>(context: BrowserContext, site: ServedSite, open: () => Promise<T>): Promise<T> {
  await serveChatSite(context, site);
  try {
    return await open();
  } finally {
    await context.unroute(`${new URL(site.baseUrl).origin}/**`);
  }
}

/** An extension page: it may fetch the loopback platform and message the background like the popup does. */
export async function openExtensionPage(extension: LoadedExtension, path = 'options.html'): Promise<Page> {
  const page = await extension.context.newPage();
  await page.goto(`chrome-extension://${extension.extensionId}/${path}`);
  return page;
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * tsx compiles this bench with esbuild's keepNames, which wraps every named function in `__name(fn, "name")`; a
 * function handed to page.evaluate is sent as that text, so the page needs its own `__name`.
 */
export async function allowNamedFunctions(target: Page | Worker): Promise<void> {
  const define = 'globalThis.__name ??= (fn) => fn';
  await ('mainFrame' in target ? target.evaluate(define) : target.evaluate(define));
}
