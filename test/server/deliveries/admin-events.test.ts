import { describe, expect, it } from 'vitest';
import { adminEventPageSchema } from '../../../lib/schemas/admin-deliveries';
import { ADMIN, ENGINES, MANAGER, call, newEvent, postEvent, signIn, startTestServer } from '../api/support';
import type { Engine } from '../api/support';

const SECOND = { email: 'second@tracker.test', password: 'second-password' };

async function twoManagersLogged(engine: Engine) {
  const server = await startTestServer(engine);
  const admin = await signIn(server, ADMIN);
  const demo = await signIn(server, MANAGER);
  const second = await signIn(server, SECOND);
  const byDemo = newEvent({ contact: { channel: 'telegram', externalId: '888101', displayName: 'Dora' } });
  const bySecond = newEvent({ contact: { channel: 'telegram', externalId: '888102', displayName: 'Egor' } });
  expect((await postEvent(server, demo.accessToken, byDemo)).status).toBe(201);
  expect((await postEvent(server, second.accessToken, bySecond)).status).toBe(201);
  const events = async (query: string) => {
    const answer = await call(server, `/api/v1/admin/events${query}`, { token: admin.accessToken });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return adminEventPageSchema.parse(answer.body).events;
  };
  const refusal = async (query: string) =>
    (await call(server, `/api/v1/admin/events${query}`, { token: admin.accessToken })).status;
  return { demo, second, byDemo, bySecond, events, refusal };
}

describe.each(ENGINES)("the admin's events list on %s", (engine) => {
  it('names who logged each event and filters by that manager, as the console asks', async () => {
    const { demo, second, byDemo, bySecond, events } = await twoManagersLogged(engine);
    const mine = await events(`?operator=${encodeURIComponent(demo.operator.id)}`);
    // The demo manager's own: this event and Boris's deposit of the demo data, none of the second manager's.
    expect(mine.map((each) => each.id)).toEqual(expect.arrayContaining([byDemo.id]));
    expect(mine.map((each) => each.id)).not.toContain(bySecond.id);
    expect(new Set(mine.map((each) => each.operator?.email))).toEqual(new Set([MANAGER.email]));
    const theirs = await events(`?operator=${encodeURIComponent(second.operator.id)}`);
    expect(theirs.map((each) => [each.id, each.operator?.name])).toEqual([[bySecond.id, 'Second Manager']]);
    // The demo data's flow and partner events name no one.
    const all = await events('');
    expect(all.filter((each) => each.source !== 'manual').every((each) => each.operator === undefined)).toBe(true);
    expect(all.filter((each) => each.source !== 'manual').length).toBeGreaterThan(0);
  });

  it('takes events received before `until` only, so a date range ends where the admin said', async () => {
    const { events, refusal } = await twoManagersLogged(engine);
    const received = (await events('')).map((each) => each.receivedAt).sort();
    const demoDataOnly = await events(`?until=${encodeURIComponent('2026-11-20T00:00:00.000Z')}`);
    expect(demoDataOnly.map((each) => each.receivedAt).sort()).toEqual(
      received.filter((at) => at < '2026-11-20T00:00:00.000Z'),
    );
    expect(demoDataOnly.length).toBeGreaterThan(0);
    expect(await refusal('?until=yesterday')).toBe(422);
  });
});
