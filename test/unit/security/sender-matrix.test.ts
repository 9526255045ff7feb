import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Sandbox } from '../../../sandbox/server';
import type { BackgroundWorker } from '../../../lib/background/worker';
import { routeMessage } from '../../../lib/messaging/router';
import { messages, stored, type MessageName } from '../../../lib/schemas';
import {
  DEMO,
  deposit,
  resetExtension,
  startTestSandbox,
  startWorker,
  stopWorkers,
  waitFor,
} from '../background/support';
import {
  EXTENSION_ONLY,
  FOR_CONTENT,
  FORGED,
  popup,
  rightfulSender,
  routerOptions,
  sampleRequests,
  telegramK,
  type SampleContext,
  type Sender,
} from './senders';

let sandbox: Sandbox;
let worker: BackgroundWorker;
let context: SampleContext;

const send = (name: string, payload: unknown, sender: Sender) =>
  routeMessage({ name, payload }, sender, worker.handlers, routerOptions);
const requestsTo = (route: string) => sandbox.stats()[route]?.requests ?? 0;

/** What a forged message could have changed: the outbox, the settings, the session, and what reached the platform. */
async function footprint() {
  const local = await fakeBrowser.storage.local.get(null);
  return {
    outbox: Object.keys(local)
      .filter((key) => key.startsWith(stored.outboxRecord.prefix))
      .sort(),
    settings: local[stored.settings.key],
    session: local[stored.sessionSummary.key],
    chatIdentities: Object.keys(local).filter((key) => key.startsWith(stored.chatIdentity.prefix)),
    sites: local[stored.sites.key],
    pageStatuses: await fakeBrowser.storage.session
      .get(null)
      .then((all) => Object.keys(all).filter((key) => key.startsWith(stored.pageStatus.prefix))),
    platform: [
      'POST /api/v1/auth/login',
      'POST /api/v1/auth/logout',
      'POST /api/v1/auth/refresh',
      'POST /api/v1/events',
      'PUT /api/v1/contacts/:channel/:externalId/tracker-data',
    ].map(requestsTo),
  };
}

beforeEach(async () => {
  resetExtension();
  sandbox = await startTestSandbox();
  worker = startWorker();
  await worker.handlers['session.signIn'](DEMO, {});
  // A deposit Boris already has: refused for good, so the messages that act on a failed event have one to name.
  const refused = deposit({ contact: { channel: 'telegram', externalId: '777002' } });
  await worker.handlers['event.submit'](refused, {});
  await waitFor(
    async () => (await worker.outbox.list()).some((record) => record.state === 'failed'),
    3_000,
    'the refusal',
  );
  context = { sandboxUrl: sandbox.url, refusedDepositId: refused.id };
});

afterEach(async () => {
  await stopWorkers();
  await sandbox.close();
});

describe('a forged sender', () => {
  it.each(Object.entries(FORGED))(
    '%s is refused every message of the map, and changes nothing',
    async (_who, sender) => {
      const before = await footprint();
      const samples = sampleRequests(context);

      for (const name of Object.keys(messages) as MessageName[]) {
        expect(await send(name, samples[name], sender), name).toMatchObject({
          ok: false,
          error: { code: 'forbidden' },
        });
      }
      expect(await footprint()).toEqual(before);
    },
  );
});

describe('our content script on a chat site', () => {
  it.each(EXTENSION_ONLY)('may not send %s, however valid the request', async (name) => {
    const before = await footprint();
    const reply = await send(name, sampleRequests(context)[name], telegramK);

    expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await footprint()).toEqual(before);
  });

  it.each(FOR_CONTENT)('may send %s', async (name) => {
    const reply = await send(name, sampleRequests(context)[name], telegramK);
    expect(reply).not.toMatchObject({ error: { code: 'forbidden' } });
  });

  it('cannot smuggle fields the form never sends to the platform', async () => {
    const event = deposit();
    const smuggled = { ...event, operatorId: 'op_evil', status: 'accepted', source: 'postback', stepName: 'x' };
    const reply = await send('event.submit', smuggled, telegramK);

    expect(reply).toMatchObject({ ok: true, data: { event } });
    await waitFor(() => sandbox.storedEvents().some((stored) => stored.id === event.id), 3_000, 'delivery');
    expect(sandbox.storedEvents().find((stored) => stored.id === event.id)).toMatchObject({
      source: 'manual',
      operatorId: 'op_demo',
    });
    const record = (await fakeBrowser.storage.local.get(`${stored.outboxRecord.prefix}${event.id}`))[
      `${stored.outboxRecord.prefix}${event.id}`
    ];
    expect(JSON.stringify(record)).not.toMatch(/op_evil|postback/);
  });
});

describe('an envelope that is not a message of the map', () => {
  const MALFORMED: readonly unknown[] = [
    undefined,
    null,
    'event.submit',
    42,
    [],
    ['event.submit', deposit()],
    {},
    { payload: deposit() },
    { name: 42, payload: {} },
    { name: null, payload: {} },
    { name: ['event.submit'], payload: deposit() },
    { name: { toString: () => 'event.submit' }, payload: deposit() },
  ];
  const UNKNOWN_NAMES = [
    '',
    'event.Submit',
    'event.submit ',
    ' event.submit',
    'event.submit\u0000',
    'EVENT.SUBMIT',
    '__proto__',
    'constructor',
    'toString',
    'hasOwnProperty',
    'valueOf',
    'session.tokens',
    'session.refresh',
    'debug.dump',
    'outbox.clear',
  ];

  it.each(MALFORMED.map((raw) => [JSON.stringify(raw) ?? String(raw), raw]))(
    '%s is answered unknown_message from any sender',
    async (_shown, raw) => {
      const before = await footprint();
      for (const sender of [popup, telegramK, ...Object.values(FORGED)]) {
        expect(await routeMessage(raw, sender, worker.handlers, routerOptions)).toMatchObject({
          ok: false,
          error: { code: 'unknown_message' },
        });
      }
      expect(await footprint()).toEqual(before);
    },
  );

  it.each(UNKNOWN_NAMES)('the name %j is answered unknown_message, even from the popup', async (name) => {
    const before = await footprint();
    for (const sender of [popup, telegramK]) {
      expect(await send(name, deposit(), sender)).toMatchObject({ ok: false, error: { code: 'unknown_message' } });
    }
    expect(await footprint()).toEqual(before);
  });

  it('refuses a request of the wrong shape from a rightful sender, naming the field, and does nothing', async () => {
    const before = await footprint();
    const cases: [MessageName, unknown, string][] = [
      ['event.submit', { ...deposit(), amount: '1e5' }, 'amount'],
      ['event.submit', { ...deposit(), id: 'not-a-uuid' }, 'id'],
      ['event.submit', { ...deposit(), contact: { channel: 'sms', externalId: '1' } }, 'contact.channel'],
      ['settings.save', { apiUrl: 'https://attacker.example/?', defaultCurrency: 'USD' }, 'apiUrl'],
      ['session.signIn', { email: 'demo@tracker.test' }, 'password'],
      ['outbox.adopt', { operatorId: '' }, 'operatorId'],
      ['contact.lookup', { channel: 'telegram', externalId: 'x'.repeat(129) }, 'externalId'],
    ];
    for (const [name, payload, field] of cases) {
      const reply = await send(name, payload, rightfulSender(name));
      expect(reply, name).toMatchObject({
        ok: false,
        error: { code: 'validation_failed', fields: { [field]: expect.any(String) } },
      });
    }
    expect(await footprint()).toEqual(before);
  });
});
