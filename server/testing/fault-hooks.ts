import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { faultReply } from './fault-reply';
import type { FaultPlan, Faults } from './faults';
import type { StatsRecorder } from './stats';

/** How stats and fault filters name a request with no route. */
const NO_ROUTE = '(no route)';

interface InFlight {
  key: string;
  plan: FaultPlan;
  /** The answer was replaced or the socket destroyed before the route ran. */
  settled: boolean;
  dropped: boolean;
}

/**
 * Test faults on API requests (`/api/…`, never the test controls): each request is counted under its route key
 * ("POST /api/v1/events", the pattern as registered), then delayed, failed or dropped as the pending faults say —
 * before the route runs, or after it (`afterHandling`: the event is stored, then the answer is replaced or lost).
 * The body is read before any delay, as a slow platform would: a client that gives up meanwhile still gets its request
 * handled, which is what a timeout means to the client.
 */
export function registerFaultHooks(
  app: FastifyInstance,
  faults: Faults,
  stats: StatsRecorder,
  signal: AbortSignal,
): void {
  const inFlight = new WeakMap<FastifyRequest, InFlight>();

  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const pattern = request.routeOptions.url;
    const key = pattern === undefined ? NO_ROUTE : `${request.method} ${pattern}`;
    stats.request(key);
    inFlight.set(request, { key, plan: faults.planFor(key), settled: false, dropped: false });
  });

  app.addHook('preHandler', async (request, reply) => {
    const state = inFlight.get(request);
    if (!state) return;
    if (state.plan.delayMs > 0) {
      try {
        await sleep(state.plan.delayMs, undefined, { signal });
      } catch (error) {
        if (!signal.aborted) throw error;
        // The server is closing: the held request ends with its connection, as a platform going down would end it.
        state.settled = true;
        state.dropped = true;
        reply.hijack();
        request.raw.socket.destroy();
        return;
      }
    }
    const outcome = state.plan.outcome;
    if (!outcome || outcome.options.afterHandling) return;
    state.settled = true;
    if (outcome.kind === 'drop') {
      state.dropped = true;
      stats.answered(state.key, 'dropped');
      reply.hijack();
      request.raw.socket.destroy();
      return;
    }
    const replaced = faultReply(outcome.status, outcome.options);
    return reply.code(replaced.status).headers(replaced.headers).send(replaced.body);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const state = inFlight.get(request);
    const outcome = state?.plan.outcome;
    if (!state || state.settled || !outcome?.options.afterHandling) return payload;
    state.settled = true;
    if (outcome.kind === 'drop') {
      state.dropped = true;
      stats.answered(state.key, 'dropped');
      request.raw.socket.destroy();
      return payload;
    }
    const replaced = faultReply(outcome.status, outcome.options);
    reply.code(replaced.status).headers(replaced.headers);
    return replaced.body;
  });

  app.addHook('onResponse', async (request, reply) => {
    const state = inFlight.get(request);
    if (state && !state.dropped) stats.answered(state.key, reply.statusCode);
  });
}
