import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject, onTestFinished } from 'vitest';
import { sessionSchema } from '../../../lib/schemas/api';
import type { Session, TrackerEventInput } from '../../../lib/schemas/api';
import { seedDemoData } from '../../../sandbox/demo-data';
import { startServer } from '../../../server/app';
import type { RunningServer, ServerOptions } from '../../../server/app';
import { TEST_SCRYPT_COST } from '../../../server/auth/passwords';
import { createDatabase } from '../../support/postgres-cluster';
import { call } from '../http-call';
import type { Answer } from '../http-call';

/** The same API suite runs on both engines. */
export const ENGINES = ['sqlite', 'postgres'] as const;
export type Engine = (typeof ENGINES)[number];

export const ADMIN = { email: 'admin@tracker.test', password: 'admin-password' };
export const MANAGER = { email: 'demo@tracker.test', password: 'demo-password' };

export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tracker-server-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Where a fresh server keeps its data: a new SQLite file, or a new PostgreSQL database in the run's cluster. */
export async function freshStorage(engine: Engine): Promise<Pick<ServerOptions, 'databaseUrl' | 'databaseFile'>> {
  if (engine === 'postgres') return { databaseUrl: await createDatabase(inject('postgresUrl')) };
  return { databaseFile: join(tempDir(), 'tracker.sqlite') };
}

/** A server on a free loopback port over fresh storage with the demo accounts and contacts, closed after the test. */
export async function startTestServer(engine: Engine, options: ServerOptions = {}): Promise<RunningServer> {
  const server = await startServer({
    port: 0,
    passwordCost: TEST_SCRYPT_COST,
    seed: seedDemoData,
    ...(await freshStorage(engine)),
    ...options,
  });
  onTestFinished(() => server.close());
  return server;
}

export { call } from '../http-call';
export type { Answer } from '../http-call';

export async function signIn(
  server: Pick<RunningServer, 'url'>,
  credentials: { email: string; password: string },
): Promise<Session> {
  const answer = await call(server, '/api/v1/auth/login', { json: credentials });
  if (answer.status !== 200)
    throw new Error(`sign-in of ${credentials.email} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return sessionSchema.parse(answer.body);
}

export function newEvent(overrides: Partial<TrackerEventInput> = {}): TrackerEventInput {
  return {
    id: crypto.randomUUID(),
    type: 'registration',
    contact: { channel: 'telegram', externalId: '777003', displayName: 'Clara Smith' },
    occurredAt: '2026-11-25T09:30:00.000Z',
    ...overrides,
  };
}

export function postEvent(
  server: Pick<RunningServer, 'url'>,
  token: string,
  event: unknown,
  idempotencyKey?: string,
): Promise<Answer> {
  const key = idempotencyKey ?? (event as { id?: string }).id;
  return call(server, '/api/v1/events', {
    json: event,
    token,
    headers: key === undefined ? {} : { 'idempotency-key': key },
  });
}

export const errorOf = (body: unknown) =>
  (body as { error: { code: string; message: string; fields?: Record<string, string> } }).error;
