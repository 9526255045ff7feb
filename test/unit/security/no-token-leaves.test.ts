import { expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Sandbox } from '../../../sandbox/server';
import { createRefreshTokenStore } from '../../../lib/background/refresh-token-store';
import { routeMessage } from '../../../lib/messaging/router';
import { messages, stored, type MessageName, type Reply } from '../../../lib/schemas';
import { deposit, startWorker, useTestSandbox, waitFor } from '../background/support';
import { rightfulSender, routerOptions, sampleRequests } from './senders';

let sandbox: Sandbox;
useTestSandbox((started) => (sandbox = started));

/** Both tokens the background holds now; the access token rests in storage.session, the refresh token in IndexedDB. */
async function currentTokens(): Promise<string[]> {
  const access = (await fakeBrowser.storage.session.get(stored.accessToken.key))[stored.accessToken.key] as
    { token: string } | undefined;
  const refresh = await createRefreshTokenStore().get();
  return [access?.token, refresh].filter((token): token is string => token !== undefined);
}

it('no answer to any message of the map carries a token, through sign-in, rotation, refusals and sign-out', async () => {
  const worker = startWorker();
  const send = (name: MessageName, payload: unknown) =>
    routeMessage({ name, payload }, rightfulSender(name), worker.handlers, routerOptions);
  const tokens = new Set<string>();
  const replies: { name: string; reply: Reply }[] = [];
  const call = async (name: MessageName, payload: unknown) => {
    replies.push({ name, reply: await send(name, payload) });
    for (const token of await currentTokens()) tokens.add(token);
  };

  await call('session.signIn', sampleRequests({ sandboxUrl: sandbox.url, refusedDepositId: '' })['session.signIn']);
  const refused = deposit({ contact: { channel: 'telegram', externalId: '777002' } });
  await call('event.submit', refused);
  await waitFor(
    async () => (await worker.outbox.list()).some((record) => record.state === 'failed'),
    3_000,
    'the refusal',
  );
  const samples = sampleRequests({ sandboxUrl: sandbox.url, refusedDepositId: refused.id });

  const last: MessageName[] = ['settings.save', 'session.signOut'];
  const everyMessage = (Object.keys(messages) as MessageName[]).filter((name) => !last.includes(name));
  for (const name of everyMessage) await call(name, samples[name]);
  // The platform rotates both tokens on a refresh: the new ones must not leak either.
  sandbox.faults.expireAccessTokens();
  for (const name of everyMessage) await call(name, samples[name]);
  // A platform refusal's body is passed on to the UI: it must carry nothing of the session.
  sandbox.faults.failNext(1, 401, { code: 'unauthorized' });
  sandbox.faults.failNext(1, 500);
  await call('contact.lookup', samples['contact.lookup']);
  for (const name of last) await call(name, samples[name]);

  expect(tokens.size).toBeGreaterThanOrEqual(4);
  expect(replies.map(({ name }) => name)).toEqual(expect.arrayContaining(Object.keys(messages)));
  for (const { name, reply } of replies) {
    const text = JSON.stringify(reply);
    for (const token of tokens) expect(text, `the answer to ${name}`).not.toContain(token);
    expect(text, `the answer to ${name}`).not.toMatch(/accessToken|refreshToken|bearer/i);
  }
  const local = JSON.stringify(await fakeBrowser.storage.local.get(null));
  for (const token of tokens) expect(local).not.toContain(token);
  expect(await currentTokens()).toEqual([]);
});
