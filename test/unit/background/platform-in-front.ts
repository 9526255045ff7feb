import { createServer, request as forward, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Intercepted {
  method: string | undefined;
  url: string | undefined;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface InterceptAnswer {
  status: number;
  contentType: string;
  body: string;
  headers?: Record<string, string>;
}

export interface PlatformInFront {
  url: string;
  close(): Promise<void>;
}

/**
 * A real HTTP server in front of the sandbox: `intercept` answers the requests it wants to, and everything else is
 * passed through to the sandbox untouched. How a test gives the platform a behaviour the sandbox has no switch for.
 */
export async function startPlatformInFront(
  sandboxUrl: string,
  intercept: (request: Intercepted) => InterceptAnswer | undefined,
): Promise<PlatformInFront> {
  const target = new URL(sandboxUrl);
  const server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const body = Buffer.concat(chunks);
      const answer = intercept({ method: incoming.method, url: incoming.url, headers: incoming.headers, body });
      if (answer) {
        outgoing.writeHead(answer.status, { ...answer.headers, 'content-type': answer.contentType });
        outgoing.end(answer.body);
        return;
      }
      const proxied = forward(
        {
          host: target.hostname,
          port: target.port,
          method: incoming.method,
          path: incoming.url,
          headers: incoming.headers,
        },
        (reply) => {
          outgoing.writeHead(reply.statusCode ?? 502, reply.headers);
          reply.pipe(outgoing);
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
