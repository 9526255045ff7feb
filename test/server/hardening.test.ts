import { Writable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { loggerOptions } from '../../server/app';
import { BODY_LIMIT_BYTES } from '../../server/app';
import { ADMIN, MANAGER, call, errorOf, newEvent, postEvent, signIn, startTestServer } from './api/support';

/** Raw requests with a Host header of our choosing (fetch does not let a caller set Host). */
async function withHost(url: string, host: string, path: string): Promise<number> {
  const { request } = await import('node:http');
  return new Promise((resolve, reject) => {
    const target = new URL(path, url);
    const req = request(
      { host: target.hostname, port: target.port, path: target.pathname, headers: { host } },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('the HTTP surface', () => {
  it('answers its own names and refuses any other Host, so a DNS-rebound page cannot reach it', async () => {
    const server = await startTestServer('sqlite', { publicUrl: 'https://tracker.team.example' });
    for (const host of [`127.0.0.1:${server.port}`, `localhost:${server.port}`, 'tracker.team.example']) {
      expect([host, await withHost(server.url, host, '/api/v1/contacts/telegram/1')]).toEqual([host, 401]);
    }
    for (const host of [
      `attacker.example:${server.port}`,
      'tracker.team.example.attacker.example',
      `127.0.0.1.nip.io:${server.port}`,
    ]) {
      expect([host, await withHost(server.url, host, '/api/v1/contacts/telegram/1')]).toEqual([host, 421]);
    }
  });

  it("takes the extension's origin and refuses other web origins, and sends no CORS headers", async () => {
    const server = await startTestServer('sqlite');
    const fromExtension = await call(server, '/api/v1/auth/login', {
      json: MANAGER,
      headers: { origin: 'chrome-extension://abcdefghijklmnop' },
    });
    expect(fromExtension.status).toBe(200);
    expect([...fromExtension.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([]);
    for (const origin of ['https://evil.example', 'null', 'http://127.0.0.1:1']) {
      const refused = await call(server, '/api/v1/auth/login', { json: MANAGER, headers: { origin } });
      expect([origin, refused.status, errorOf(refused.body).code]).toEqual([origin, 403, 'origin_not_allowed']);
    }
    const preflight = await fetch(`${server.url}/api/v1/events`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('takes only JSON bodies (415 for a form or text), up to its body limit (413), and answers 422 for broken JSON', async () => {
    const server = await startTestServer('sqlite');
    const { accessToken } = await signIn(server, MANAGER);
    const event = newEvent();
    for (const type of ['application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=x']) {
      const answer = await call(server, '/api/v1/events', {
        rawBody: JSON.stringify(event),
        token: accessToken,
        headers: { 'content-type': type, 'idempotency-key': event.id },
      });
      expect([type, answer.status, errorOf(answer.body).code]).toEqual([type, 415, 'unsupported_media_type']);
    }
    const huge = await postEvent(server, accessToken, { ...event, note: 'x'.repeat(BODY_LIMIT_BYTES) });
    expect([huge.status, errorOf(huge.body).code]).toEqual([413, 'payload_too_large']);
    const broken = await call(server, '/api/v1/events', { rawBody: '{"id": ', token: accessToken });
    expect([broken.status, errorOf(broken.body).fields]).toEqual([422, { body: 'The body is not valid JSON' }]);
    expect((await server.context.tracker.allEvents()).some((each) => each.id === event.id)).toBe(false);
    expect((await postEvent(server, accessToken, event)).status).toBe(201);
  });

  it('mounts no test controls unless started for tests', async () => {
    const production = await startTestServer('sqlite');
    for (const path of ['/__sandbox/stats', '/__sandbox/events'])
      expect((await call(production, path)).status).toBe(404);
    expect((await call(production, '/__sandbox/faults', { json: { fault: 'reset' } })).status).toBe(404);
    const forTests = await startTestServer('sqlite', { testing: { controls: true } });
    expect((await call(forTests, '/__sandbox/stats')).status).toBe(200);
  });

  it('logs requests without a password or a token in them', async () => {
    let logged = '';
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logged += chunk.toString();
        done();
      },
    });
    const options = loggerOptions('trace');
    const server = await startTestServer('sqlite', {
      logger: typeof options === 'object' ? { ...options, stream } : options,
    });
    const session = await signIn(server, ADMIN);
    const refreshed = await call(server, '/api/v1/auth/refresh', { json: { refreshToken: session.refreshToken } });
    await call(server, '/api/v1/auth/refresh', { json: { refreshToken: session.refreshToken } });
    await call(server, '/api/v1/auth/refresh', {
      json: { refreshToken: session.refreshToken },
      headers: { authorization: `Bearer ${session.accessToken}` },
    });
    expect(refreshed.status).toBe(200);
    expect(logged).toContain('/api/v1/auth/login');
    for (const secret of [ADMIN.password, session.accessToken, session.refreshToken])
      expect(logged).not.toContain(secret);
  });

  it('logs one line per request an operator can follow: method, path without its query, status, time', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(
          ...chunk
            .toString()
            .split('\n')
            .filter(Boolean)
            .map((line) => JSON.parse(line) as Record<string, unknown>),
        );
        done();
      },
    });
    const options = loggerOptions('info');
    const server = await startTestServer('sqlite', {
      logger: typeof options === 'object' ? { ...options, stream } : options,
    });
    const session = await signIn(server, MANAGER);
    expect((await postEvent(server, session.accessToken, newEvent())).status).toBe(201);
    expect((await call(server, '/api/v1/contacts/telegram/1?limit=5', { token: 'not-a-token' })).status).toBe(401);
    // The line is written once the answer has left, so it may come just after the client has it.
    const requests = () => lines.filter((line) => line.msg === 'request answered');
    await vi.waitFor(() =>
      expect(requests().map(({ method, url, status }) => [method, url, status])).toEqual([
        ['POST', '/api/v1/auth/login', 200],
        ['POST', '/api/v1/events', 201],
        ['GET', '/api/v1/contacts/telegram/1', 401],
      ]),
    );
    for (const request of requests()) expect(typeof request.ms).toBe('number');
    expect(lines.filter((line) => line.reqId !== undefined && line.msg !== 'request answered')).toEqual([]);
  });
});
