import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { contentScriptMatches } from '../../../lib/adapters/site-matches';
import { trustedPagePredicate } from '../../../lib/background/trusted-pages';
import { routeMessage } from '../../../lib/messaging/router';
import { stored } from '../../../lib/schemas';
import { startSandbox, type Sandbox } from '../../../sandbox/server';
import { startPlatformInFront, type Intercepted, type PlatformInFront } from './platform-in-front';
import { contentScript, popup, telegramK, type Sender } from '../security/senders';
import { DEMO, resetExtension, startWorker, stopWorkers } from './support';

const REF = 'ref[:\\s]*([A-Za-z0-9_-]{6,64})';
const options = { isTrustedContentPage: trustedPagePredicate(contentScriptMatches) };
const send = (name: string, payload: unknown, sender: Sender = telegramK) =>
  routeMessage({ name, payload }, sender, startWorker().handlers, options);

const anna = { channel: 'telegram', externalId: '777001' } as const;
const clara = { channel: 'telegram', externalId: '777003' } as const;

let sandbox: Sandbox;
let front: PlatformInFront;
let seen: Intercepted[];

/** The platform is the sandbox with the team's pattern set, behind a server that notes every request it gets. */
async function startPlatform(firstMessagePattern?: string) {
  sandbox = await startSandbox({ port: 0, dataFile: ':memory:', controls: true, firstMessagePattern });
  seen = [];
  front = await startPlatformInFront(sandbox.url, (request) => {
    seen.push(request);
    return undefined;
  });
  await fakeBrowser.storage.local.set({ [stored.settings.key]: { apiUrl: front.url, defaultCurrency: 'USD' } });
}

beforeEach(async () => {
  resetExtension();
  await startPlatform(REF);
});

afterEach(async () => {
  await stopWorkers();
  await front.close();
  await sandbox.close();
});

const puts = () => seen.filter((request) => request.method === 'PUT');

describe("the team's first-message pattern", () => {
  it('comes from the platform once the manager is signed in', async () => {
    expect(await send('team.settings', {})).toEqual({ ok: true, data: {} });
    await send('session.signIn', DEMO, popup);
    expect(await send('team.settings', {})).toEqual({ ok: true, data: { firstMessagePattern: REF } });
  });

  it('is absent when the team set none, or the platform cannot say', async () => {
    await send('session.signIn', DEMO, popup);
    sandbox.faults.failNext(1, 500);
    expect(await send('team.settings', {})).toEqual({ ok: true, data: {} });

    await stopWorkers();
    await front.close();
    await sandbox.close();
    await startPlatform();
    await send('session.signIn', DEMO, popup);
    expect(await send('team.settings', {})).toEqual({ ok: true, data: {} });
  });
});

describe('linking the open contact to a click id', () => {
  it('saves it on the platform, which then shows it for the contact', async () => {
    await send('session.signIn', DEMO, popup);

    const reply = await send('contact.linkClickId', { ...clara, trackerData: { clickId: 'ab12cd34' } });

    expect(reply).toMatchObject({
      ok: true,
      data: { status: 'linked', contact: { ...clara, trackerData: { clickId: 'ab12cd34' } } },
    });
    expect(await send('contact.lookup', clara)).toMatchObject({
      ok: true,
      data: { status: 'found', contact: { trackerData: { clickId: 'ab12cd34' } } },
    });
  });

  it('corrects a click id already set, keeping the rest of the tracker data', async () => {
    await send('session.signIn', DEMO, popup);
    const before = await send('contact.lookup', anna);
    expect(before).toMatchObject({ ok: true, data: { contact: { trackerData: { clickId: 'clk_7f3a9c' } } } });

    const reply = await send('contact.linkClickId', { ...anna, trackerData: { clickId: 'clk_corrected1' } });

    const kept = before.ok
      ? (before.data as { contact: { trackerData: Record<string, string> } }).contact.trackerData
      : {};
    expect(reply).toMatchObject({
      ok: true,
      data: { status: 'linked', contact: { trackerData: { ...kept, clickId: 'clk_corrected1' } } },
    });
  });

  it('sends the platform the click id and nothing else, with the bearer token', async () => {
    await send('session.signIn', DEMO, popup);
    await send('contact.linkClickId', { ...anna, trackerData: { clickId: 'ab12cd34' } });

    expect(puts()).toHaveLength(1);
    expect(puts()[0]?.url).toBe('/api/v1/contacts/telegram/777001/tracker-data');
    expect(JSON.parse(puts()[0]?.body.toString() ?? '')).toEqual({ clickId: 'ab12cd34' });
    expect(puts()[0]?.headers.authorization).toMatch(/^Bearer /);
  });

  it('refuses a click id that is not one, at its field, and sends nothing', async () => {
    await send('session.signIn', DEMO, popup);

    const reply = await send('contact.linkClickId', { ...anna, trackerData: { clickId: 'ab 12' } });

    expect(reply).toMatchObject({
      ok: false,
      error: {
        code: 'validation_failed',
        fields: { 'trackerData.clickId': 'A click id has only letters, digits and . _ ~ -' },
      },
    });
    expect(puts()).toEqual([]);
  });

  it('says signed out when nobody is, and sends nothing', async () => {
    expect(await send('contact.linkClickId', { ...anna, trackerData: { clickId: 'ab12cd34' } })).toEqual({
      ok: true,
      data: { status: 'signedOut' },
    });
    expect(puts()).toEqual([]);
  });

  it("passes on the platform's refusal", async () => {
    await send('session.signIn', DEMO, popup);
    sandbox.faults.failNext(1, 500);

    expect(await send('contact.linkClickId', { ...anna, trackerData: { clickId: 'ab12cd34' } })).toMatchObject({
      ok: true,
      data: { status: 'error', error: { code: 'internal_error' } },
    });
  });

  it('is refused from a page no content script of ours runs on', async () => {
    await send('session.signIn', DEMO, popup);
    const evil = contentScript('https://evil.example/k/');

    expect(await send('contact.linkClickId', { ...anna, trackerData: { clickId: 'ab12cd34' } }, evil)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(puts()).toEqual([]);
  });
});
