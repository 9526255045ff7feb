/**
 * The floor: bare `node:http` doing the durable insert the server does for `POST /api/v1/events`, and nothing else
 * (no framework, no schema validation, no token check, no query builder, no logging). It runs as its own process, as
 * the server does, and prints its URL. FLOOR_DATABASE is a SQLite file or a postgres:// URL.
 */
import http from 'node:http';
import { openPostgresFloor, openSqliteFloor, type FloorRow, type FloorStore } from './floor-store';
import { EVENTS_PATH } from './target';

interface PostedEvent {
  id: string;
  type: string;
  occurredAt: string;
  contact: { channel: string; externalId: string; displayName?: string; username?: string };
}

const database = process.env.FLOOR_DATABASE;
if (!database) throw new Error('FLOOR_DATABASE (a SQLite file or a postgres:// URL) is required');
const store: FloorStore = database.startsWith('postgres')
  ? await openPostgresFloor(database, Number(process.env.FLOOR_POOL_SIZE ?? 10))
  : openSqliteFloor(database);

function rowOf(event: PostedEvent, receivedAt: string, body: string): FloorRow {
  return {
    id: event.id,
    channel: event.contact.channel,
    externalId: event.contact.externalId,
    displayName: event.contact.displayName ?? null,
    username: event.contact.username ?? null,
    type: event.type,
    occurredAt: event.occurredAt,
    body,
    receivedAt,
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
    const posted = JSON.parse(Buffer.concat(chunks).toString('utf8')) as PostedEvent;
    const receivedAt = new Date().toISOString();
    const stored = JSON.stringify({ ...posted, status: 'accepted', receivedAt, source: 'manual' });
    store.insert(rowOf(posted, receivedAt, stored)).then(
      () => response.writeHead(201, { 'content-type': 'application/json' }).end(`{"event":${stored}}`),
      (error: Error) => response.writeHead(500, { 'content-type': 'text/plain' }).end(error.message),
    );
  });
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address && typeof address === 'object') process.stdout.write(`floor listening on http://127.0.0.1:${address.port}\n`);
});

const stop = () => {
  server.close(() => void store.close().then(() => process.exit(0)));
  server.closeAllConnections();
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
