/**
 * The floor: bare `node:http` doing the durable insert the server does for `POST /api/v1/events`, and nothing else
 * (no framework, no schema validation, no token check, no query builder, no logging, no audit row). It runs as its
 * own process, as the server does, and prints its URL. FLOOR_DATABASE is a SQLite file or a postgres:// URL; the
 * schema is the server's, made by the server's migrations.
 */
import http from 'node:http';
import { openPostgresFloor, openSqliteFloor, type FloorRow, type FloorStore } from './floor-store';
import { EVENTS_PATH } from './target';

interface PostedEvent {
  id: string;
  type: string;
  amount?: string;
  currency?: string;
  occurredAt: string;
  contact: { channel: string; externalId: string; displayName?: string; username?: string };
}

const database = process.env.FLOOR_DATABASE;
if (!database) throw new Error('FLOOR_DATABASE (a SQLite file or a postgres:// URL) is required');
const store: FloorStore = database.startsWith('postgres')
  ? await openPostgresFloor(database, Number(process.env.FLOOR_POOL_SIZE ?? 10))
  : await openSqliteFloor(database);

function rowOf(posted: PostedEvent, text: string, receivedAt: string): FloorRow {
  return {
    channel: posted.contact.channel,
    externalId: posted.contact.externalId,
    displayName: posted.contact.displayName ?? null,
    username: posted.contact.username ?? null,
    event: {
      id: posted.id,
      type: posted.type,
      amount: posted.amount ?? null,
      currency: posted.currency ?? null,
      occurredAt: posted.occurredAt,
      receivedAt,
      // The body as posted: the server sorts its keys first, so a retry with the keys reordered still matches.
      canonicalBody: text,
    },
  };
}

const server = http.createServer((request, response) => {
  if (request.method !== 'POST' || request.url !== EVENTS_PATH) {
    response.writeHead(404).end();
    return;
  }
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const text = Buffer.concat(chunks).toString('utf8');
    const posted = JSON.parse(text) as PostedEvent;
    const receivedAt = new Date().toISOString();
    const stored = JSON.stringify({ ...posted, status: 'accepted', receivedAt, source: 'manual' });
    store.insert(rowOf(posted, text, receivedAt)).then(
      () => response.writeHead(201, { 'content-type': 'application/json' }).end(`{"event":${stored}}`),
      (error: Error) => response.writeHead(500, { 'content-type': 'text/plain' }).end(error.message),
    );
  });
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address && typeof address === 'object')
    process.stdout.write(`floor listening on http://127.0.0.1:${address.port}\n`);
});

const stop = () => {
  server.close(() => void store.close().then(() => process.exit(0)));
  server.closeAllConnections();
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
