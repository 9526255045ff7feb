import SqliteDatabase from 'better-sqlite3';
import { describe, expect, it, onTestFinished } from 'vitest';
import { contactLookupResponseSchema, eventResponseSchema } from '../../../lib/schemas/api';
import { ANNA, startWithKeitaro } from '../deliveries/support';
import { ENGINES, MANAGER, call, errorOf, freshStorage, newEvent, postEvent, signIn, startTestServer } from './support';

const BORIS = { channel: 'telegram', externalId: '777002', displayName: 'Boris Ivanov' } as const;
const DAVID = { channel: 'whatsapp', externalId: '79991234567', displayName: 'David' } as const;

describe.each(ENGINES)('events on %s', (engine) => {
  it('stores an event once: 201, then 200 with the same event for a retry, committed and listed for its contact', async () => {
    const server = await startTestServer(engine);
    const { accessToken } = await signIn(server, MANAGER);
    const event = newEvent({
      type: 'deposit',
      contact: DAVID,
      amount: '1234567890.12',
      currency: 'USD',
      note: 'первый депозит',
    });

    const created = await postEvent(server, accessToken, event);
    expect(created.status).toBe(201);
    const stored = eventResponseSchema.parse(created.body).event;
    expect(stored).toMatchObject({ ...event, status: 'accepted', source: 'manual', operatorId: 'op_demo' });
    const retried = await postEvent(server, accessToken, Object.fromEntries(Object.entries(event).reverse()));
    expect([retried.status, eventResponseSchema.parse(retried.body).event]).toEqual([200, stored]);

    const lookup = contactLookupResponseSchema.parse(
      (await call(server, `/api/v1/contacts/whatsapp/${DAVID.externalId}`, { token: accessToken })).body,
    );
    expect(lookup.events).toEqual([stored]);
    // The amount is the decimal string as posted, never a float.
    expect(lookup.events[0]?.amount).toBe('1234567890.12');
    expect((await server.context.tracker.allEvents()).filter((each) => each.id === event.id)).toHaveLength(1);
  });

  it('answers idempotency_conflict for the same id with another body, and deposit_exists for a second first deposit', async () => {
    const server = await startTestServer(engine);
    const { accessToken } = await signIn(server, MANAGER);
    const event = newEvent();
    expect((await postEvent(server, accessToken, event)).status).toBe(201);
    const changed = await postEvent(server, accessToken, { ...event, note: 'edited' });
    expect([changed.status, errorOf(changed.body).code]).toEqual([409, 'idempotency_conflict']);

    const deposit = newEvent({ type: 'deposit', contact: BORIS, amount: '50', currency: 'USD' });
    const refused = await postEvent(server, accessToken, deposit);
    expect([refused.status, errorOf(refused.body).code]).toEqual([409, 'deposit_exists']);
    expect((await server.context.tracker.allEvents()).some((each) => each.id === deposit.id)).toBe(false);
    expect(
      (await postEvent(server, accessToken, { ...deposit, id: crypto.randomUUID(), type: 'redeposit' })).status,
    ).toBe(201);
  });

  it('changes nothing for a refused post: no new contact, no renamed one, no audit row, no delivery', async () => {
    const { server, admin, manager } = await startWithKeitaro(engine);
    const { accessToken } = manager;
    const event = newEvent({ type: 'redeposit', contact: BORIS, amount: '10', currency: 'USD' });
    expect((await postEvent(server, accessToken, event)).status).toBe(201);
    const lookupOf = async (contact: { channel: string; externalId: string }) =>
      call(server, `/api/v1/contacts/${contact.channel}/${contact.externalId}`, { token: accessToken });
    const auditRows = async () =>
      (await call(server, '/api/v1/admin/audit?limit=200', { token: admin.accessToken })).body;
    const auditBefore = await auditRows();

    const conflicts = [
      { ...event, contact: { ...BORIS, displayName: 'Renamed' } },
      { ...event, contact: { channel: 'telegram', externalId: '555000111', displayName: 'Nobody' } },
    ];
    for (const conflict of conflicts) {
      const answer = await postEvent(server, accessToken, conflict);
      expect([answer.status, errorOf(answer.body).code]).toEqual([409, 'idempotency_conflict']);
    }
    const second = newEvent({ type: 'deposit', contact: { ...BORIS, displayName: 'Renamed' }, amount: '5' });
    expect(errorOf((await postEvent(server, accessToken, { ...second, currency: 'USD' })).body).code).toBe(
      'deposit_exists',
    );

    const boris = contactLookupResponseSchema.parse((await lookupOf(BORIS)).body);
    expect(boris.contact.displayName).toBe('Boris Ivanov');
    expect(boris.events.map((each) => [each.id, each.deliveries?.length])).toContainEqual([event.id, 1]);
    expect((await lookupOf({ channel: 'telegram', externalId: '555000111' })).status).toBe(404);
    expect(await auditRows()).toEqual(auditBefore);
  });

  it('refuses a NUL character at its field, in the path or the body, stores nothing and keeps serving', async () => {
    const server = await startTestServer(engine);
    const { accessToken } = await signIn(server, MANAGER);
    const lookup = await call(server, '/api/v1/contacts/telegram/%00', { token: accessToken });
    expect([lookup.status, errorOf(lookup.body).fields]).toEqual([
      422,
      { externalId: 'Text may not contain the NUL character' },
    ]);
    const event = newEvent({ contact: { ...DAVID, displayName: 'Da\u0000vid' } });
    const refused = await postEvent(server, accessToken, event);
    expect([refused.status, errorOf(refused.body).fields]).toEqual([
      422,
      { 'contact.displayName': 'Text may not contain the NUL character' },
    ]);
    expect((await server.context.tracker.allEvents()).some((each) => each.id === event.id)).toBe(false);
    expect((await postEvent(server, accessToken, newEvent({ contact: DAVID }))).status).toBe(201);
  });

  it('stores one event when twenty retries of one id arrive at once: one 201, nineteen 200', async () => {
    const server = await startTestServer(engine);
    const { accessToken } = await signIn(server, MANAGER);
    const event = newEvent({ type: 'deposit', contact: DAVID, amount: '10', currency: 'EUR' });
    const answers = await Promise.all(Array.from({ length: 20 }, () => postEvent(server, accessToken, event)));
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, ...Array<number>(19).fill(200)].sort());
    expect((await server.context.tracker.allEvents()).filter((each) => each.id === event.id)).toHaveLength(1);
  });

  it('takes one first deposit when ten different ones for one contact race: the others are deposit_exists', async () => {
    const server = await startTestServer(engine);
    const { accessToken } = await signIn(server, MANAGER);
    const deposits = Array.from({ length: 10 }, () =>
      newEvent({ type: 'deposit', contact: DAVID, amount: '10', currency: 'EUR' }),
    );
    const answers = await Promise.all(deposits.map((deposit) => postEvent(server, accessToken, deposit)));
    expect(answers.filter((answer) => answer.status === 201)).toHaveLength(1);
    expect(answers.filter((answer) => answer.status === 409).map((answer) => errorOf(answer.body).code)).toEqual(
      Array(9).fill('deposit_exists'),
    );
    expect(
      (await server.context.tracker.allEvents()).filter((each) => each.contact.externalId === DAVID.externalId),
    ).toHaveLength(1);
  });

  it('answers each of many events posted at once on its own: a refused one costs the others nothing', async () => {
    const { server, manager } = await startWithKeitaro(engine);
    // On SQLite, a second connection: it sees only what is committed, so each 201 must find its event there.
    const file = server.database.sqlite?.name;
    const reader = file ? new SqliteDatabase(file, { readonly: true, fileMustExist: true }) : undefined;
    if (reader) onTestFinished(() => void reader.close());
    const committed = (id: string) => reader?.prepare('select count(*) as n from events where id = ?').get(id);
    const redeposits = Array.from({ length: 12 }, (_, index) =>
      newEvent({ type: 'redeposit', contact: ANNA, amount: `${index + 1}`, currency: 'USD' }),
    );
    const deposits = Array.from({ length: 4 }, () =>
      newEvent({ type: 'deposit', contact: DAVID, amount: '10', currency: 'EUR' }),
    );
    const posts = [...redeposits, redeposits[0]!, ...deposits].map((event) =>
      postEvent(server, manager.accessToken, event).then((answer) => ({
        event,
        answer,
        committed: committed(event.id),
      })),
    );
    const answers = await Promise.all(posts);

    const created = answers.filter(({ answer }) => answer.status === 201);
    expect(created).toHaveLength(13);
    for (const { answer, committed: seen } of created) {
      expect(eventResponseSchema.parse(answer.body).event.deliveries?.map((each) => each.destination)).toEqual([
        'Keitaro',
      ]);
      if (reader) expect(seen).toEqual({ n: 1 });
    }
    expect(answers.filter(({ answer }) => answer.status === 200).map(({ event }) => event.id)).toEqual([
      redeposits[0]!.id,
    ]);
    expect(
      answers.filter(({ answer }) => answer.status === 409).map(({ answer }) => errorOf(answer.body).code),
    ).toEqual(Array(3).fill('deposit_exists'));
    const stored = await server.context.tracker.allEvents();
    for (const event of redeposits) expect(stored.filter((each) => each.id === event.id)).toHaveLength(1);
    expect(stored.filter((each) => each.contact.externalId === DAVID.externalId)).toHaveLength(1);
  });

  it('keeps what was stored across a restart over the same storage', async () => {
    const storage = await freshStorage(engine);
    const first = await startTestServer(engine, storage);
    const { accessToken } = await signIn(first, MANAGER);
    const event = newEvent();
    expect((await postEvent(first, accessToken, event)).status).toBe(201);
    await first.close();
    const second = await startTestServer(engine, storage);
    expect((await second.context.tracker.allEvents()).map((each) => each.id)).toContain(event.id);
    expect((await call(second, '/api/v1/contacts/telegram/777003', { token: accessToken })).status).toBe(200);
  });
});

describe('two servers on one PostgreSQL database', () => {
  it('store each event once when its posts and retries go to both at once', async () => {
    const storage = await freshStorage('postgres');
    const first = await startTestServer('postgres', storage);
    const second = await startTestServer('postgres', storage);
    const [a, b] = [await signIn(first, MANAGER), await signIn(second, MANAGER)];
    const events = Array.from({ length: 60 }, (_, index) =>
      newEvent({
        type: index % 3 === 0 ? 'deposit' : 'redeposit',
        amount: '5',
        currency: 'USD',
        contact: { channel: 'telegram', externalId: `9000${index % 20}` },
      }),
    );
    const answers = await Promise.all(
      events.flatMap((event) => [
        postEvent(first, a.accessToken, event),
        postEvent(second, b.accessToken, event),
        postEvent(second, b.accessToken, event),
      ]),
    );
    expect(answers.every((answer) => [200, 201].includes(answer.status))).toBe(true);
    expect(answers.filter((answer) => answer.status === 201)).toHaveLength(60);
    const stored = await first.context.tracker.allEvents();
    for (const event of events) expect(stored.filter((each) => each.id === event.id)).toHaveLength(1);
  }, 60_000);
});
