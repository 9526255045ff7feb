import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { faultReply } from './fault-reply';
import type { Faults, Outcome } from './faults';
import { errorReply, HttpError, readBody, writeReply } from './http';
import type { Reply } from './http';
import { findRoute, NO_ROUTE, routeKey } from './router';
import type { Route } from './router';
import { serveStatic } from './static-files';
import type { StaticDir } from './static-files';
import type { StatsRecorder } from './stats';

export interface HandlerDeps {
  apiRoutes: readonly Route[];
  /** Empty when test controls are off: then /__sandbox/ answers 404 like any unknown path. */
  controlRoutes: readonly Route[];
  faults: Faults;
  stats: StatsRecorder;
  staticDir?: StaticDir;
  /** Aborted when the sandbox closes: work still waiting on a delay or a body stops there. */
  signal: AbortSignal;
}

const CONTROL_PREFIX = '/__sandbox/';

async function dispatch(
  routes: readonly Route[],
  request: IncomingMessage,
  path: string,
  signal: AbortSignal,
  body: Promise<string> = readBody(request),
): Promise<Reply> {
  try {
    const rawBody = await body;
    signal.throwIfAborted();
    const match = findRoute(routes, request.method ?? 'GET', path);
    if (!match) return errorReply(404, { code: 'not_found', message: `No route for ${request.method} ${path}` });
    return match.route.handle({ method: match.route.method, params: match.params, headers: request.headers, rawBody });
  } catch (error) {
    if (error instanceof HttpError) return error.reply;
    if (signal.aborted) throw error;
    console.error('sandbox: route failed', error);
    return errorReply(500, { code: 'internal_error', message: 'The sandbox failed to handle this request' });
  }
}

export function createRequestHandler(deps: HandlerDeps) {
  const { faults, stats, signal } = deps;

  /** An API request: counted, then delayed, failed or dropped as the pending faults say. */
  const handleApi = async (request: IncomingMessage, response: ServerResponse, path: string) => {
    const match = findRoute(deps.apiRoutes, request.method ?? 'GET', path);
    const key = match ? routeKey(match.route) : NO_ROUTE;
    stats.request(key);
    const plan = faults.planFor(key);
    const outcome: Outcome | undefined = plan.outcome;
    const skipRoute = outcome !== undefined && !outcome.options.afterHandling;
    // A skipped route still has its body read off the wire, so the connection stays usable for the next request.
    if (skipRoute) request.resume();
    // The body is read before any delay, as a slow platform would: a client that gives up meanwhile still gets its
    // request handled, which is what a timeout means to the client (it cannot know whether the event was stored).
    const body = skipRoute ? undefined : readBody(request);
    body?.catch(() => undefined);
    if (plan.delayMs > 0) await sleep(plan.delayMs, undefined, { signal });
    let reply = body === undefined ? undefined : await dispatch(deps.apiRoutes, request, path, signal, body);
    if (signal.aborted) return;
    if (outcome?.kind === 'drop') {
      stats.answered(key, 'dropped');
      request.socket.destroy();
      return;
    }
    if (outcome?.kind === 'fail') reply = faultReply(outcome.status, outcome.options);
    if (!reply) return;
    stats.answered(key, reply.status);
    writeReply(response, reply);
  };

  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const path = new URL(request.url ?? '/', 'http://sandbox').pathname;
    try {
      if (path.startsWith(CONTROL_PREFIX)) {
        const reply = await dispatch(deps.controlRoutes, request, path, signal);
        if (!signal.aborted) writeReply(response, reply);
      } else if (deps.staticDir && path.startsWith(deps.staticDir.urlPrefix)) {
        writeReply(response, await serveStatic(deps.staticDir, path));
      } else {
        await handleApi(request, response, path);
      }
    } catch (error) {
      if (!signal.aborted) throw error;
    }
  };
}
