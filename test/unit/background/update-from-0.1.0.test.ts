import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Sandbox } from '../../../sandbox/server';
import { createApiClient } from '../../../lib/background/api-client';
import { createRefreshTokenStore } from '../../../lib/background/refresh-token-store';
import { OUTBOX_RECORD_VERSION, outboxRecordSchema, stored } from '../../../lib/schemas';
import { DEMO, startWorker, storedCount, useTestSandbox, waitFor } from './support';

let sandbox: Sandbox;
useTestSandbox((started) => (sandbox = started));

const PROFILE = join(__dirname, '../../fixtures/profiles/v0.1.0.json');

/** The 0.1.0 profile's storage.local, pointed at this test's platform. */
function profile(apiUrl: string): Record<string, unknown> {
  return JSON.parse(readFileSync(PROFILE, 'utf8').replaceAll('API_URL', apiUrl)).local;
}

const outboxEntries = (values: Record<string, unknown>) =>
  Object.entries(values).filter(([key]) => key.startsWith(stored.outboxRecord.prefix)) as [
    string,
    Record<string, unknown>,
  ][];

/**
 * A browser that ran 0.1.0, signed in, with events queued: storage.local as 0.1.0 left it, the refresh token in the
 * extension's IndexedDB, storage.session gone (the browser restarted for the update).
 */
async function updatedProfile(): Promise<Record<string, unknown>> {
  const values = profile(sandbox.url);
  const session = await createApiClient({ baseUrl: async () => sandbox.url, timeoutMs: 10_000 }).login(DEMO);
  if (!session.ok) throw new Error('the platform refused the demo sign-in');
  await createRefreshTokenStore().set(session.data.refreshToken);
  await fakeBrowser.storage.local.set(values);
  return values;
}

describe('an update from 0.1.0', () => {
  it('holds records in the shape 0.1.0 stored', () => {
    const records = outboxEntries(profile('http://127.0.0.1:8787'));
    expect(records).toHaveLength(6);
    for (const [, record] of records) {
      expect(record).not.toHaveProperty('v');
      expect(outboxRecordSchema.safeParse(record).success).toBe(true);
    }
  });

  it(
    'delivers every queued event once, sets nothing aside, and stores the records in this version',
    { timeout: 20_000 },
    async () => {
      const values = await updatedProfile();
      const queued = outboxEntries(values).filter(([, record]) => record.state === 'queued');
      const ids = queued.map(([key]) => key.slice(stored.outboxRecord.prefix.length));

      const { outbox, handlers } = startWorker({ timeoutMs: 10_000 });
      await outbox.deliverDue();
      // The one saved while signed out goes only when the operator signed in takes it (issue 14, finding 4).
      expect(await handlers['outbox.heldForOthers']({}, {})).toEqual([{ operatorId: null, count: 1 }]);
      await handlers['outbox.adopt']({ operatorId: null }, {});
      await waitFor(() => ids.every((id) => storedCount(sandbox, id) === 1), 5_000, 'every queued event delivered');
      await outbox.deliverDue();

      expect(ids.map((id) => storedCount(sandbox, id))).toEqual(ids.map(() => 1));
      expect(sandbox.stats()['POST /api/v1/events']?.statuses).toEqual({ '201': ids.length });
      expect(await outbox.summary()).toEqual({ queued: 0, failed: 1, quarantined: 0 });
      const after = await fakeBrowser.storage.local.get(null);
      for (const [key, record] of outboxEntries(after)) {
        expect(record, key).toMatchObject({
          v: OUTBOX_RECORD_VERSION,
          apiUrl: sandbox.url,
          state: expect.stringMatching(/^(sent|failed)$/),
        });
      }
    },
  );
});
