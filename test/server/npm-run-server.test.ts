import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { configFromEnv } from '../../server/config';
import { call, signIn, tempDir } from './api/support';

const ADMIN = { email: 'lead@team.example', password: 'a long admin passphrase' };

/** `npm run server` as a team runs it: its own process, configured by the environment only. */
async function runServer(
  env: Record<string, string>,
): Promise<{ url: string; output: () => string; stop: () => void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stop = () => void child.kill('SIGTERM');
  onTestFinished(stop);
  let output = '';
  return new Promise((resolve, reject) => {
    const seen = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /listening on (http:\/\/\S+?)"/.exec(output)?.[1];
      if (url) resolve({ url, output: () => output, stop });
    };
    child.stdout.on('data', seen);
    child.stderr.on('data', seen);
    child.once('exit', (code) => reject(new Error(`the server exited with ${code}: ${output}`)));
  });
}

describe('npm run server', () => {
  it('keeps its data under DATA_DIR, creates the first admin from the environment, and mounts no test controls', async () => {
    const dataDir = tempDir();
    const server = await runServer({
      DATA_DIR: dataDir,
      TRACKER_ADMIN_EMAIL: ADMIN.email,
      TRACKER_ADMIN_PASSWORD: ADMIN.password,
    });
    expect(existsSync(join(dataDir, 'tracker.sqlite'))).toBe(true);
    const admin = await signIn(server, ADMIN);
    const created = await call(server, '/api/v1/admin/operators', {
      json: { email: 'maria@team.example', name: 'Maria', password: 'maria-passphrase', role: 'manager' },
      token: admin.accessToken,
    });
    expect(created.status).toBe(201);
    expect((await call(server, '/__sandbox/stats')).status).toBe(404);
    expect(server.output()).not.toContain(ADMIN.password);
  }, 180_000);

  it('never changes an existing admin: a restart with another password keeps the first', async () => {
    const dataDir = tempDir();
    const first = await runServer({
      DATA_DIR: dataDir,
      TRACKER_ADMIN_EMAIL: ADMIN.email,
      TRACKER_ADMIN_PASSWORD: ADMIN.password,
    });
    first.stop();
    const second = await runServer({
      DATA_DIR: dataDir,
      TRACKER_ADMIN_EMAIL: 'other@team.example',
      TRACKER_ADMIN_PASSWORD: 'another passphrase',
    });
    expect(
      (
        await call(second, '/api/v1/auth/login', {
          json: { email: 'other@team.example', password: 'another passphrase' },
        })
      ).status,
    ).toBe(401);
    await signIn(second, ADMIN);
  }, 180_000);

  it('refuses a wrong environment with a message naming the variable', () => {
    expect(() => configFromEnv({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => configFromEnv({ DATABASE_URL: 'mysql://db/tracker' })).toThrow(/DATABASE_URL must be a postgres/);
    expect(() => configFromEnv({ TRACKER_ADMIN_EMAIL: 'lead@team.example' })).toThrow(/TRACKER_ADMIN_PASSWORD/);
    expect(configFromEnv({ PORT: '9000', DATABASE_URL: 'postgres://u@db/tracker' })).toMatchObject({
      port: 9000,
      databaseUrl: 'postgres://u@db/tracker',
      dataDir: '.tracker-data',
    });
  });
});
