import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The baseline Save is measured against: the least an extension can do to log an event from a chat page, loaded in
 * the same browser as Tracker Data. A content script puts a plain-DOM form on the page (no framework, no checks); its
 * button's click sends one runtime message; the service worker writes the event to storage.local, answers, and POSTs
 * it to the platform, as the contract has an extension do (written before it is posted). The same chat page, the same
 * browser, the same platform: what Save costs beyond this is what Tracker Data itself adds.
 */

/** Only a page whose URL holds this runs the baseline's content script, so no other figure sees it. */
export const BASELINE_URL_MARK = 'bench-baseline';
/** Its worker's script: told apart from the extension's `background.js` by name. */
const WORKER_SCRIPT = 'baseline-worker.js';

export interface BaselineEvent {
  contact: { channel: string; externalId: string; displayName: string };
  amount: string;
  currency: string;
}

const MANIFEST = {
  manifest_version: 3,
  name: 'Tracker Data bench baseline',
  version: '1.0.0',
  permissions: ['storage'],
  host_permissions: ['http://127.0.0.1/*'],
  background: { service_worker: WORKER_SCRIPT },
  content_scripts: [
    { matches: ['https://web.telegram.org/*'], include_globs: [`*${BASELINE_URL_MARK}*`], js: ['baseline-content.js'] },
  ],
};

function contentScript(event: BaselineEvent): string {
  return `
const host = document.createElement('div');
host.style.cssText = 'position: fixed; left: 8px; bottom: 8px; z-index: 2147483647; background: #fff; padding: 4px';
const root = host.attachShadow({ mode: 'open' });
root.innerHTML = '<form><label>Baseline amount <input name="amount" value="${event.amount}"></label> <button type="submit">Baseline Save</button></form>';
const form = root.querySelector('form');
// As Tracker Data's form does: Save acts on the click and the form is never submitted (no autofill pass).
root.querySelector('button').addEventListener('click', (click) => {
  click.preventDefault();
  const event = {
    id: crypto.randomUUID(),
    type: 'redeposit',
    contact: ${JSON.stringify(event.contact)},
    amount: form.elements.amount.value,
    currency: ${JSON.stringify(event.currency)},
    occurredAt: new Date().toISOString(),
  };
  chrome.runtime.sendMessage({ name: 'baseline.save', event });
});
document.documentElement.append(host);
`;
}

const WORKER = `
let platform;
async function platformOf() {
  platform ??= (await chrome.storage.local.get('platform')).platform;
  return platform;
}
async function save(event, reply) {
  await chrome.storage.local.set({ ['outbox:' + event.id]: { event, state: 'queued' } });
  reply({ ok: true });
  const { apiUrl, token } = await platformOf();
  await fetch(apiUrl + '/api/v1/events', {
    method: 'POST',
    headers: { accept: 'application/json', 'content-type': 'application/json', authorization: 'Bearer ' + token, 'idempotency-key': event.id },
    body: JSON.stringify(event),
  });
}
chrome.runtime.onMessage.addListener((message, _sender, reply) => {
  if (message?.name !== 'baseline.save') return undefined;
  save(message.event, reply).catch((error) => console.error('baseline: the Save failed', error));
  return true;
});
`;

/**
 * An empty page of the baseline extension, where the floor's fetch runs: an extension origin with the platform's host
 * permission that is none of Tracker Data's pages, whose storage listeners would otherwise hear every Save's writes.
 */
export const FLOOR_PAGE = 'floor.html';

/** Writes the baseline extension to a new directory, ready for --load-extension; returns the directory. */
export function buildBaselineExtension(event: BaselineEvent): string {
  const dir = mkdtempSync(join(tmpdir(), 'tracker-data-bench-baseline-'));
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(MANIFEST, null, 2)}\n`);
  writeFileSync(join(dir, 'baseline-content.js'), contentScript(event));
  writeFileSync(join(dir, WORKER_SCRIPT), WORKER);
  writeFileSync(join(dir, FLOOR_PAGE), '<!doctype html><title>Bench floor</title>\n');
  return dir;
}

/** Whether a service worker URL is the baseline's. */
export const isBaselineWorker = (url: string): boolean =>
  url.startsWith('chrome-extension://') && url.endsWith(`/${WORKER_SCRIPT}`);
