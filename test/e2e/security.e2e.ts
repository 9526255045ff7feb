import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { EXTENSION_DIR, readExtensionStorage } from './support/extension';
import { expect, test, TELEGRAM_K } from './support/fixtures';
import { openChat, openPanel, sendEvent, setApiUrl, signIn } from './support/manager';
import { backgroundTokens, ContentScriptWorld } from './security-support';

/** Everything in the page's own world: its DOM, every open shadow root in it, and its own storage. */
async function whatThePageCanRead(page: Page): Promise<{ dom: string; shadowRoots: string[]; pageStorage: string }> {
  return page.evaluate(() => {
    const shadowRoots = [...document.querySelectorAll('*')].flatMap((element) =>
      element.shadowRoot ? [element.shadowRoot.innerHTML] : [],
    );
    const pageStorage = JSON.stringify({
      local: { ...localStorage },
      session: { ...sessionStorage },
      cookie: document.cookie,
      name: window.name,
    });
    return { dom: document.documentElement.outerHTML, shadowRoots, pageStorage };
  });
}

test('the tokens live only in the background: nothing a chat page or our content script can reach holds them', async ({
  extension,
  sandboxHost,
}) => {
  await setApiUrl(extension, sandboxHost.url);
  await signIn(extension);
  const page = await extension.context.newPage();
  const pageRequests: { url: string; headers: Record<string, string> }[] = [];
  page.on('request', (request) => pageRequests.push({ url: request.url(), headers: request.headers() }));
  await page.goto(TELEGRAM_K.baseUrl);
  await openChat(page, 'Anna Petrova');
  const contentWorld = await ContentScriptWorld.attach(page, extension.extensionId);
  await contentWorld.recordMessages();

  await openPanel(page);
  const panel = page.getByRole('complementary', { name: 'Tracker Data' });
  await expect(panel.getByText('clk_7f3a9c')).toBeVisible();
  await sendEvent(page, { type: 'Deposit', amount: '150', currency: 'USD' });
  await expect(panel.getByRole('status')).toContainText('Sent');
  const first = await backgroundTokens(extension.context);
  // A refresh rotates both tokens mid-session: the new pair must stay in the background too.
  sandboxHost.sandbox.faults.expireAccessTokens();
  await openChat(page, 'Boris Ivanov');
  await expect(panel.getByText('clk_b0r15')).toBeVisible();
  const rotated = await backgroundTokens(extension.context);

  expect(rotated.access).not.toBe(first.access);
  expect(rotated.refresh).not.toBe(first.refresh);
  const secrets = [first.access, first.refresh, rotated.access, rotated.refresh];
  for (const secret of secrets) expect(secret.length).toBeGreaterThan(10);

  const seen = await whatThePageCanRead(page);
  expect(seen.shadowRoots.join('')).toContain('Boris Ivanov');
  const heard = await contentWorld.heard();
  expect(JSON.stringify(heard.replies)).toContain('clk_b0r15');
  expect(heard.pushed).toEqual([]);
  const contentScriptStorage = await contentWorld.evaluate<string>(
    'chrome.storage.local.get(null).then(JSON.stringify)',
  );
  expect(contentScriptStorage).toContain('outbox:');
  const sessionAreaRefusal = await contentWorld.evaluate<string>(
    'chrome.storage.session.get(null).then(() => "readable", (error) => String(error.message ?? error))',
  );
  const pageOriginDatabases = await contentWorld.evaluate<string>(
    'indexedDB.databases().then((list) => JSON.stringify(list.map((db) => db.name)))',
  );
  const localFromWorker = JSON.stringify(await readExtensionStorage(extension.context, 'local'));

  const reachable: Record<string, string> = {
    'the page DOM': seen.dom,
    'the open shadow roots': seen.shadowRoots.join('\n'),
    'the page’s own storage and cookies': seen.pageStorage,
    'replies our content script received': JSON.stringify(heard.replies),
    'storage.local, read by the content script': contentScriptStorage,
    'storage.local, read in the worker': localFromWorker,
    'requests the page made': JSON.stringify(pageRequests),
  };
  for (const [where, text] of Object.entries(reachable)) {
    for (const secret of secrets) expect(text.includes(secret), `a token in ${where}`).toBe(false);
  }
  expect(sessionAreaRefusal).not.toBe('readable');
  expect(pageOriginDatabases).not.toContain('tracker-data-secrets');
  expect(
    pageRequests.some((request) => request.url.startsWith(sandboxHost.url) || 'authorization' in request.headers),
  ).toBe(false);
  await contentWorld.detach();
});

test('the page cannot send an event: postMessage, the runtime API and DOM events reach nothing, and the platform stores nothing', async ({
  extension,
  sandboxHost,
}) => {
  await setApiUrl(extension, sandboxHost.url);
  await signIn(extension);
  const page = await extension.context.newPage();
  await page.goto(TELEGRAM_K.baseUrl);
  await openChat(page, 'Anna Petrova');
  await openPanel(page);
  await expect(page.getByRole('complementary', { name: 'Tracker Data' }).getByText('clk_7f3a9c')).toBeVisible();
  sandboxHost.sandbox.resetStats();

  const forged = {
    id: randomUUID(),
    type: 'deposit',
    contact: { channel: 'telegram', externalId: '777001', displayName: 'Anna Petrova' },
    amount: '1000000',
    currency: 'USD',
    occurredAt: new Date().toISOString(),
  };
  const attempts = await page.evaluate(
    async ({ extensionId, event }) => {
      const envelope = { name: 'event.submit', payload: event };
      for (const data of [
        envelope,
        { action: 'event.submit', event },
        JSON.stringify(envelope),
        { ...envelope, source: 'tracker-data' },
      ]) {
        window.postMessage(data, '*');
        window.top?.postMessage(data, '*');
      }
      window.dispatchEvent(new MessageEvent('message', { data: envelope, origin: location.origin, source: window }));
      for (const target of [window, document, document.body]) {
        for (const type of ['event.submit', 'tracker-data', 'tracker-data:submit', 'message']) {
          target.dispatchEvent(new CustomEvent(type, { detail: envelope, bubbles: true, composed: true }));
        }
      }
      const runtime = (globalThis as { chrome?: { runtime?: { sendMessage?: (...args: unknown[]) => unknown } } })
        .chrome?.runtime;
      let sendMessage = 'chrome.runtime is not there';
      if (runtime?.sendMessage) {
        try {
          await new Promise((resolve) => runtime.sendMessage?.(extensionId, envelope, resolve));
          sendMessage = 'sent';
        } catch (error) {
          sendMessage = `refused: ${String(error)}`;
        }
      }
      return { sendMessage };
    },
    { extensionId: extension.extensionId, event: forged },
  );
  await page.waitForTimeout(2_000);

  // Without externally_connectable no extension exposes chrome.runtime to this page at all.
  expect(attempts.sendMessage).toBe('chrome.runtime is not there');
  const local = await readExtensionStorage(extension.context, 'local');
  expect(Object.keys(local).filter((key) => key.startsWith('outbox:'))).toEqual([]);
  expect(sandboxHost.sandbox.stats()['POST /api/v1/events']).toBeUndefined();
  expect(sandboxHost.sandbox.storedEvents().filter((event) => event.source === 'manual')).toEqual([]);
});

test('the built manifest lets no page or other extension connect, and asks only for what the code uses', () => {
  const manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8')) as Record<string, unknown> & {
    permissions?: string[];
    web_accessible_resources?: { resources: string[]; use_dynamic_url?: boolean }[];
    content_scripts?: { matches: string[] }[];
  };
  expect(manifest).not.toHaveProperty('externally_connectable');
  expect(manifest).not.toHaveProperty('content_security_policy');
  expect([...(manifest.permissions ?? [])].sort()).toEqual([
    'activeTab',
    'alarms',
    'scripting',
    'storage',
    'unlimitedStorage',
  ]);
  expect(manifest.host_permissions).toEqual(['http://127.0.0.1/*', 'http://localhost/*']);
  // Only the UI's stylesheet is web-accessible, and only by a per-session URL: no extension page can be framed.
  for (const entry of manifest.web_accessible_resources ?? []) {
    expect(entry.resources.every((file) => file.endsWith('.css'))).toBe(true);
    expect(entry.use_dynamic_url).toBe(true);
  }
  for (const script of manifest.content_scripts ?? [])
    for (const match of script.matches) expect(match).toMatch(/^https:\/\//);
});
