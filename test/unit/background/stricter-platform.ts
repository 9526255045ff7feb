import { createServer, request as forward } from 'node:http';
import type { AddressInfo } from 'node:net';

export const APPROVAL_LIMIT = 10_000;
export const APPROVAL_MESSAGE = `Deposits above ${APPROVAL_LIMIT} need a supervisor's approval`;

/**
 * A platform with a rule this build of the extension does not know (large deposits need approval): a real HTTP server
 * in front of the sandbox that answers such events with the contract's 422 and a field message, and passes everything
 * else through untouched.
 */
export async function startStricterPlatform(sandboxUrl: string): Promise<{ url: string; close(): Promise<void> }> {
  const target = new URL(sandboxUrl);
  const server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const body = Buffer.concat(chunks);
      if (incoming.method === 'POST' && incoming.url === '/api/v1/events' && Number(JSON.parse(body.toString()).amount) > APPROVAL_LIMIT) {
        outgoing.writeHead(422, { 'content-type': 'application/json' });
        outgoing.end(JSON.stringify({ error: { code: 'validation_failed', message: 'The event breaks a platform rule', fields: { amount: APPROVAL_MESSAGE } } }));
        return;
      }
      const proxied = forward(
        { host: target.hostname, port: target.port, method: incoming.method, path: incoming.url, headers: incoming.headers },
        (answer) => {
          outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(outgoing);
        },
      );
      proxied.on('error', () => outgoing.destroy());
      proxied.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
