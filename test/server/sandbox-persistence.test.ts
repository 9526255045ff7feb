import { existsSync, readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contactLookupResponseSchema } from '../../lib/schemas/api';
import { startSandbox } from '../../sandbox/server';
import { CLARA, call, newEvent, postEvent, signIn, tempDataFile } from './sandbox-helpers';

describe('sandbox data file', () => {
  it('keeps sessions, contacts and events across a restart over the same file', async () => {
    const dataFile = tempDataFile();
    const first = await startSandbox({ port: 0, dataFile });
    const session = await signIn(first);
    const event = newEvent({ contact: CLARA, note: 'before the restart' });
    expect((await postEvent(first, session.accessToken, event)).status).toBe(201);
    await first.close();

    const second = await startSandbox({ port: 0, dataFile });
    try {
      expect(second.storedEvents().filter((stored) => stored.id === event.id)).toHaveLength(1);
      const lookup = await call(second, '/api/v1/contacts/telegram/777003', { token: session.accessToken });
      expect(lookup.status).toBe(200);
      expect(contactLookupResponseSchema.parse(lookup.body).events.map((stored) => stored.note)).toEqual([
        'before the restart',
      ]);
      expect(
        (await call(second, '/api/v1/auth/refresh', { json: { refreshToken: session.refreshToken } })).status,
      ).toBe(200);
      expect((await postEvent(second, session.accessToken, event)).status).toBe(200);
      // The demo's flow events (two registrations and Boris's deposit) were seeded once, not again at the restart.
      expect(second.storedEvents().filter((stored) => stored.source === 'flow')).toHaveLength(3);
    } finally {
      await second.close();
    }
  });

  it('has every committed write on disk at once, in the data file and its write-ahead log only', async () => {
    const dataFile = tempDataFile();
    const running = await startSandbox({ port: 0, dataFile });
    try {
      const { accessToken } = await signIn(running);
      const event = newEvent();
      await postEvent(running, accessToken, event);
      const reader = await startSandbox({ port: 0, dataFile });
      expect(reader.storedEvents().map((stored) => stored.id)).toContain(event.id);
      await reader.close();
      expect(readdirSync(dirname(dataFile)).sort()).toEqual([
        'tracker.sqlite',
        'tracker.sqlite-shm',
        'tracker.sqlite-wal',
      ]);
    } finally {
      await running.close();
    }
  });

  it("writes nothing to disk for ':memory:'", async () => {
    const sandbox = await startSandbox({ port: 0, dataFile: ':memory:' });
    await signIn(sandbox);
    await sandbox.close();
    expect(existsSync(':memory:')).toBe(false);
  });
});
