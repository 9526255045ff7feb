import { networkInterfaces } from 'node:os';
import type { FastifyInstance } from 'fastify';
import { HttpError, invalid } from './errors';

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '::1'];
const WILDCARDS = ['0.0.0.0', '::', ''];

function isLoopback(host: string): boolean {
  return LOOPBACK_NAMES.includes(host) || host.startsWith('127.');
}

/** The host part of a Host header or URL host, lower case, without port or IPv6 brackets. */
function hostnameOf(host: string): string {
  const lower = host.trim().toLowerCase();
  if (lower.startsWith('[')) return lower.slice(1, lower.indexOf(']'));
  const colon = lower.lastIndexOf(':');
  return colon > -1 && lower.indexOf(':') === colon ? lower.slice(0, colon) : lower;
}

/**
 * The names this server answers to: the host it listens on, the loopback names when it listens on loopback or on every
 * interface, every interface address when it listens on all of them, and PUBLIC_URL's host. A request naming another
 * host came through a name that merely resolves here (DNS rebinding: a web page's own domain re-pointed at this
 * server, so the browser treats it as same-origin) and is refused.
 */
export function ownHostnames(listenHost: string, publicUrl?: string, extra: readonly string[] = []): Set<string> {
  const names = new Set<string>(extra.map(hostnameOf));
  const listening = hostnameOf(listenHost);
  if (WILDCARDS.includes(listenHost)) {
    for (const name of LOOPBACK_NAMES) names.add(name);
    for (const addresses of Object.values(networkInterfaces()))
      for (const address of addresses ?? []) names.add(address.address.toLowerCase());
  } else {
    names.add(listening);
    if (isLoopback(listening)) for (const name of LOOPBACK_NAMES) names.add(name);
  }
  if (publicUrl) names.add(new URL(publicUrl).hostname.replace(/^\[|\]$/g, '').toLowerCase());
  return names;
}

const EXTENSION_ORIGIN = /^(chrome|moz|safari-web)-extension:\/\//;

/**
 * Refuses what a hostile web page could make a browser send here: a Host that is not ours (DNS rebinding) and a
 * request from another web origin (the extension's background fetches under its host permission, with its own
 * extension origin; the server sends no CORS headers, so no other origin may read an answer either). Only JSON
 * bodies are parsed at all (anything else is 415), so an HTML form cannot post to the API.
 */
export function registerHardening(
  app: FastifyInstance,
  hostnames: ReadonlySet<string>,
  ownOrigins: () => readonly string[],
): void {
  app.addHook('onRequest', async (request) => {
    const host = request.headers.host;
    if (host === undefined || !hostnames.has(hostnameOf(host))) {
      throw new HttpError(421, { code: 'unknown_host', message: 'This server does not answer to that host name' });
    }
    const origin = request.headers.origin;
    if (origin !== undefined && !EXTENSION_ORIGIN.test(origin) && !ownOrigins().includes(origin)) {
      throw new HttpError(403, { code: 'origin_not_allowed', message: 'Requests from other web origins are refused' });
    }
  });
}

const NUL = '\u0000';
const NUL_MESSAGE = 'Text may not contain the NUL character';

/** The path ("contact.displayName", "externalId") of the first string or key in `value` that holds a NUL character. */
function nulField(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return value.includes(NUL) ? path : undefined;
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, inner] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key;
    if (key.includes(NUL)) return at;
    const found = nulField(inner, at);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * PostgreSQL cannot store U+0000 in text or JSON, and no id, name, note or click id has one: any request carrying it,
 * in its path, query or body, is refused at that field on both engines alike, before a route could try to store it.
 */
export function registerNulRefusal(app: FastifyInstance): void {
  app.addHook('preHandler', async (request) => {
    const field = nulField(request.params, '') ?? nulField(request.query, '') ?? nulField(request.body, '');
    if (field !== undefined) invalid(NUL_MESSAGE, { [field || 'body']: NUL_MESSAGE });
  });
}
