import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { sessionSchema } from '../../lib/schemas/api';
import type { ContactRef, Session, TrackerEventInput } from '../../lib/schemas/api';
import { startSandbox } from '../../sandbox/server';
import { call } from './http-call';
import type { Answer } from './http-call';
import type { Sandbox, SandboxOptions } from '../../sandbox/server';

export const DEMO = { email: 'demo@tracker.test', password: 'demo-password' };
export const ANNA: ContactRef = {
  channel: 'telegram',
  externalId: '777001',
  displayName: 'Anna Petrova',
  username: 'anna_leads',
};
export const BORIS: ContactRef = { channel: 'telegram', externalId: '777002', displayName: 'Boris Ivanov' };
export const CLARA: ContactRef = { channel: 'telegram', externalId: '777003', displayName: 'Clara Smith' };

/** A fresh data file in its own temp folder, removed when the test ends. */
export function tempDataFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tracker-sandbox-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'tracker.sqlite');
}

/** A sandbox on a random port over a temp file, closed when the test ends. */
export async function startTestSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const sandbox = await startSandbox({ port: 0, dataFile: tempDataFile(), ...options });
  onTestFinished(() => sandbox.close());
  return sandbox;
}

export { call } from './http-call';
export type { Answer } from './http-call';

export async function signIn(sandbox: Sandbox, credentials = DEMO): Promise<Session> {
  const answer = await call(sandbox, '/api/v1/auth/login', { json: credentials });
  return sessionSchema.parse(answer.body);
}

let eventNumber = 0;

/** A valid event as the extension would post it; each call gets its own id. */
export function newEvent(overrides: Partial<TrackerEventInput> = {}): TrackerEventInput {
  eventNumber += 1;
  const id = `00000000-0000-4000-8000-${String(eventNumber).padStart(12, '0')}`;
  return { id, type: 'registration', contact: CLARA, occurredAt: '2026-11-25T09:30:00.000Z', ...overrides };
}

export function postEvent(sandbox: Sandbox, token: string, event: unknown, idempotencyKey?: string): Promise<Answer> {
  const key = idempotencyKey ?? (event as { id?: string }).id;
  return call(sandbox, '/api/v1/events', {
    json: event,
    token,
    headers: key === undefined ? {} : { 'idempotency-key': key },
  });
}
