/**
 * The server bench's open-loop generator (test/bench/server/fixed-rate.ts) against a real local HTTP server that
 * stalls once: the events due during the stall must show it, or the bench's p99 would hide the stalls a manager feels.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { measureFixedRate } from '../bench/server/fixed-rate';

let server: http.Server | undefined;

afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

function platformThatStalls(stallAtRequest: number, stallMs: number): Promise<string> {
  let requests = 0;
  let stalledUntil = 0;
  server = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      requests += 1;
      if (requests === stallAtRequest) stalledUntil = Date.now() + stallMs;
      // Like a database stuck on one commit: everything behind it waits until it is done.
      setTimeout(() => response.writeHead(201).end('{}'), Math.max(0, stalledUntil - Date.now()));
    });
  });
  return new Promise((resolve) =>
    server!.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server!.address() as AddressInfo).port}`)),
  );
}

describe('the server bench at a fixed rate', () => {
  it('sends on schedule through a stall and counts each event from the time it was due', async () => {
    const url = await platformThatStalls(20, 300);
    const run = await measureFixedRate({ name: 'stalling', url, stop: async () => undefined }, 100, 1000, 4, 'unit');
    expect(run.accepted).toBe(100);
    const sorted = [...run.latenciesMs].sort((a, b) => a - b);
    // About 30 events were due during the 300 ms stall; a closed-loop client would have sent only 4 and waited.
    const delayed = sorted.filter((ms) => ms > 100).length;
    expect(delayed).toBeGreaterThanOrEqual(20);
    expect(sorted[sorted.length - 1]).toBeGreaterThan(250);
  });
});
