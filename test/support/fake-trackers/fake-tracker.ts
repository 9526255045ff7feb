import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The core every fake tracker shares: a real HTTP server on a free port that reads a postback, counts it once per the
 * tracker's own dedup rule, records what it counted, and misbehaves on request (5xx, 429 with Retry-After, a request
 * it never answers, a connection reset after it counted). Each tracker is a few rules over it.
 */

export interface ReceivedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
}

/** One conversion as the tracker's report would show it, in its own words mapped to ours. */
export interface Conversion {
  clickId: string;
  status?: string;
  amount?: string;
  currency?: string;
  eventId?: string;
  request: ReceivedRequest;
}

export interface Answer {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

export interface TrackerRules {
  /** Whether a path is this tracker's postback endpoint (with the right key); others get 404. */
  accepts(path: string): boolean;
  /** The conversion a postback reports, or the answer refusing it. */
  read(request: ReceivedRequest): Conversion | Answer;
  /** What the tracker counts once; undefined when it has no dedup id and counts every postback. */
  dedupKey(conversion: Conversion): string | undefined;
  /** Its answer to a postback it counted, or to a repeat it did not count again. */
  answer(counted: boolean, conversion: Conversion): Answer;
}

export type Fault =
  { kind: 'status'; status: number; retryAfterSeconds?: number } | { kind: 'hold' } | { kind: 'reset-after-counting' };

export interface FakeTracker {
  /** Origin, e.g. http://127.0.0.1:40123. */
  readonly origin: string;
  /** Every request received, faults included, in order. */
  readonly requests: readonly ReceivedRequest[];
  /** What the tracker counted: one entry per counted conversion. */
  readonly conversions: readonly Conversion[];
  /** Conversions counted for a click id. */
  countedFor(clickId: string): Conversion[];
  /** The next `times` requests get this status (and Retry-After) without being counted. */
  failNext(status: number, options?: { retryAfterSeconds?: number; times?: number }): void;
  /** The next `times` requests are held unanswered until close: a timeout for the client. */
  holdNext(times?: number): void;
  /** The next `times` postbacks are counted, then the connection is reset before any answer. */
  resetAfterCountingNext(times?: number): void;
  /**
   * From now on, each request with no queued fault gets one of `faults` with this probability (0 turns it off): the
   * chaos runs' flaky tracker. `random` makes a run repeatable.
   */
  faultAtRandom(probability: number, faults: readonly Fault[], random?: () => number): void;
  /** How many faults were served so far, queued or random. */
  faultsServed(): number;
  close(): Promise<void>;
}

function isAnswer(read: Conversion | Answer): read is Answer {
  return 'status' in read && typeof read.status === 'number' && !('clickId' in read);
}

async function readRequest(request: IncomingMessage): Promise<ReceivedRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const url = new URL(request.url ?? '/', 'http://fake-tracker');
  return {
    method: request.method ?? 'GET',
    path: url.pathname,
    query: url.searchParams,
    headers: request.headers,
    body: Buffer.concat(chunks).toString('utf8'),
  };
}

function send(response: ServerResponse, answer: Answer): void {
  response.writeHead(answer.status, { 'content-type': 'text/plain; charset=utf-8', ...answer.headers });
  response.end(answer.body);
}

export async function startFakeTracker(rules: TrackerRules): Promise<FakeTracker> {
  const requests: ReceivedRequest[] = [];
  const conversions: Conversion[] = [];
  const counted = new Set<string>();
  const faults: Fault[] = [];
  let randomFaults: { probability: number; faults: readonly Fault[]; random: () => number } | undefined;
  let faultsServed = 0;

  const nextFault = (): Fault | undefined => {
    const queued = faults.shift();
    if (queued) return queued;
    if (!randomFaults || randomFaults.faults.length === 0 || randomFaults.random() >= randomFaults.probability)
      return undefined;
    return randomFaults.faults[Math.floor(randomFaults.random() * randomFaults.faults.length)];
  };

  const queue = (fault: Fault, times: number) => {
    for (let i = 0; i < times; i += 1) faults.push(fault);
  };

  const count = (conversion: Conversion): boolean => {
    const key = rules.dedupKey(conversion);
    if (key !== undefined && counted.has(key)) return false;
    if (key !== undefined) counted.add(key);
    conversions.push(conversion);
    return true;
  };

  const server = createServer((request, response) => {
    void readRequest(request).then((received) => {
      requests.push(received);
      const fault = nextFault();
      if (fault) faultsServed += 1;
      if (fault?.kind === 'hold') return;
      if (fault?.kind === 'status') {
        const headers =
          fault.retryAfterSeconds === undefined ? undefined : { 'retry-after': String(fault.retryAfterSeconds) };
        send(response, { status: fault.status, body: `Fault injected: HTTP ${fault.status}`, headers });
        return;
      }
      if (!rules.accepts(received.path)) {
        send(response, { status: 404, body: 'Not found' });
        return;
      }
      const read = rules.read(received);
      if (isAnswer(read)) {
        send(response, read);
        return;
      }
      const isNew = count(read);
      if (fault?.kind === 'reset-after-counting') {
        request.socket.destroy();
        return;
      }
      send(response, rules.answer(isNew, read));
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    conversions,
    countedFor: (clickId) => conversions.filter((conversion) => conversion.clickId === clickId),
    failNext: (status, options = {}) =>
      queue({ kind: 'status', status, retryAfterSeconds: options.retryAfterSeconds }, options.times ?? 1),
    holdNext: (times = 1) => queue({ kind: 'hold' }, times),
    resetAfterCountingNext: (times = 1) => queue({ kind: 'reset-after-counting' }, times),
    faultAtRandom: (probability, chosen, random = Math.random) => {
      randomFaults = probability > 0 ? { probability, faults: chosen, random } : undefined;
    },
    faultsServed: () => faultsServed,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** A query parameter's value, when present and not empty. */
export function param(request: ReceivedRequest, name: string): string | undefined {
  const value = request.query.get(name);
  return value === null || value === '' ? undefined : value;
}

/** The tracker's own parameter names for what a conversion holds. */
export interface ParamNames {
  clickId: string;
  status?: string;
  amount?: string;
  currency?: string;
  eventId?: string;
}

/** A postback's conversion read from its query; without a click id, the tracker's refusal. */
export function conversionFromQuery(
  request: ReceivedRequest,
  names: ParamNames,
  noClickId: Answer,
): Conversion | Answer {
  const clickId = param(request, names.clickId);
  if (clickId === undefined) return noClickId;
  const read = (name: string | undefined) => (name === undefined ? undefined : param(request, name));
  return {
    clickId,
    status: read(names.status),
    amount: read(names.amount),
    currency: read(names.currency),
    eventId: read(names.eventId),
    request,
  };
}
