import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { maskUrl } from '../destinations/mask-secrets';
import { postbackRequest } from '../destinations/postback-request';
import type { Tables } from '../db/tables';
import { DEFAULT_BACKOFF, retryDelayMs } from './backoff';
import type { BackoffOptions } from './backoff';
import { claimDue, deliveredWriter, loadClaimed, markAttempted, release, sendingDestinations } from './queue';
import type { ClaimedDelivery } from './queue';
import { outcomeOf, sendPostback } from './send';

export interface DeliveryWorkerOptions {
  /** Postbacks in flight to one destination from this process at most; a backlog never floods a tracker. */
  concurrencyPerDestination?: number;
  /** How often the queue is read when nothing woke it (another process's events, retries coming due). */
  pollMs?: number;
  /** How long a claim holds; longer than a request's timeout, so a live process never loses a delivery it is sending. */
  leaseMs?: number;
  /** A tracker that has not answered by then is tried again later. */
  timeoutMs?: number;
  backoff?: Partial<BackoffOptions>;
  /** Given up (failed, resendable) after this many attempts without a 2xx. */
  maxAttempts?: number;
}

export const DEFAULT_CONCURRENCY_PER_DESTINATION = 8;

/**
 * A claim takes up to this many times a destination's concurrency at once: each claim is a commit (a disk sync on
 * SQLite), and one per freed slot capped a backlog's drain at the disk's sync rate (docs/performance.md, "Deliveries").
 */
const CLAIM_BATCH_SLOTS = 8;

/**
 * How long the first answer of a group waits for others before they are committed together. better-sqlite3 commits
 * (and syncs) on the event loop, so answers never pile up during a commit; without a wait each commit held one.
 * Only the delivery's row waits: the tracker has the postback already, and the slot is free.
 */
const ANSWER_GROUP_MS = 25;

/** What the worker logs through: Fastify's logger (pino) or nothing. */
export interface WorkerLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

export interface DeliveryWorker {
  /** Reads the queue now: an event was stored, a click id arrived, an admin resent. */
  wake(): void;
  /** Stops claiming, lets postbacks in flight finish (their answers recorded), then resolves. */
  stop(): Promise<void>;
}

const silent: WorkerLog = { info() {}, warn() {} };

/**
 * Sends due deliveries, one destination at a time up to its concurrency limit, so a destination that keeps refusing
 * fills only its own slots. Every attempt is one real HTTP request; its answer is written before the slot frees.
 */
export function startDeliveryWorker(
  db: Kysely<Tables>,
  engine: 'sqlite' | 'postgres',
  options: DeliveryWorkerOptions = {},
  log: WorkerLog = silent,
): DeliveryWorker {
  const owner = randomUUID();
  const limit = options.concurrencyPerDestination ?? DEFAULT_CONCURRENCY_PER_DESTINATION;
  const pollMs = options.pollMs ?? 1_000;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const leaseMs = Math.max(options.leaseMs ?? 60_000, timeoutMs * 2);
  const backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
  const maxAttempts = options.maxAttempts ?? 30;

  const batch = limit * CLAIM_BATCH_SLOTS;
  const markDelivered = deliveredWriter();

  const inFlight = new Map<string, number>();
  /** Claimed, not yet sent, per destination, in queue order; each with the time its lease ends at the latest. */
  const waiting = new Map<string, Array<{ delivery: ClaimedDelivery; leaseEndsAt: number }>>();
  const sending = new Set<Promise<void>>();
  let stopped = false;
  let reading: Promise<void> | undefined;
  let readAgain = false;
  let timer: NodeJS.Timeout | undefined;
  let timerAt = Infinity;

  /** One timer, set to the earliest time the queue must be read again. */
  const schedule = (delayMs: number) => {
    const at = Date.now() + delayMs;
    if (stopped || at >= timerAt) return;
    if (timer) clearTimeout(timer);
    timerAt = at;
    timer = setTimeout(() => {
      timer = undefined;
      timerAt = Infinity;
      wake();
    }, delayMs);
  };

  /**
   * Answers are written in groups, one transaction for all that arrived within ANSWER_GROUP_MS of the first (or while
   * the previous group committed): a commit costs a disk sync, and one per postback would cap a backlog's drain at the
   * disk's sync rate. A slot frees when the tracker has answered, so the tracker is never kept waiting on a commit;
   * the delivery keeps its lease until its answer is written, so nobody sends it again meanwhile.
   */
  const unwritten: Array<{ write: (trx: Kysely<Tables>) => Promise<void>; settle: (error?: unknown) => void }> = [];
  let writing = false;
  const flush = () => {
    if (writing || unwritten.length === 0) return;
    writing = true;
    const group = unwritten.splice(0);
    db.transaction()
      .execute(async (trx) => {
        for (const each of group) await each.write(trx);
      })
      .then(
        () => group.forEach((each) => each.settle()),
        (error: unknown) => group.forEach((each) => each.settle(error)),
      )
      .finally(() => {
        writing = false;
        flush();
      });
  };
  const record = (write: (trx: Kysely<Tables>) => Promise<void>) =>
    new Promise<void>((resolve, reject) => {
      unwritten.push({ write, settle: (error) => (error === undefined ? resolve() : reject(error)) });
      if (unwritten.length === 1) setTimeout(flush, ANSWER_GROUP_MS);
    });

  /** Sends one postback, calls `answered` once the tracker has answered (or not in time), then records the answer. */
  async function attempt(delivery: ClaimedDelivery, answered: () => void): Promise<void> {
    const { destination } = delivery;
    const request = postbackRequest(destination, delivery.facts);
    const attemptedAt = Date.now();
    const outcome = outcomeOf(await sendPostback(request, timeoutMs));
    answered();
    const logged = {
      delivery: delivery.id,
      event: delivery.facts.eventId,
      destination: destination.id,
      url: maskUrl(request.url, destination),
    };
    if (outcome.kind === 'delivered') {
      await record((trx) => markDelivered(trx, delivery.id, attemptedAt));
      log.info({ ...logged, status: outcome.status }, 'postback delivered');
      return;
    }
    const attempts = delivery.attempts + 1;
    if (outcome.kind === 'refused') {
      const error = `HTTP ${outcome.status}${outcome.body ? `: ${outcome.body}` : ''}`;
      await record((trx) => markAttempted(trx, delivery.id, owner, { state: 'failed', error, attemptedAt }));
      log.warn({ ...logged, status: outcome.status }, 'postback refused');
      return;
    }
    if (attempts >= maxAttempts) {
      await record((trx) =>
        markAttempted(trx, delivery.id, owner, {
          state: 'failed',
          error: `Given up after ${attempts} attempts; last: ${outcome.error}`,
          attemptedAt,
        }),
      );
      log.warn({ ...logged, attempts }, 'postback given up');
      return;
    }
    const delay = retryDelayMs(attempts, outcome.retryAfterMs, backoff);
    await record((trx) =>
      markAttempted(trx, delivery.id, owner, {
        state: 'pending',
        error: outcome.error,
        attemptedAt,
        nextAttemptAt: Date.now() + delay,
      }),
    );
    log.info({ ...logged, attempts, retryInMs: delay, error: outcome.error }, 'postback to retry');
    if (delay < pollMs) schedule(delay);
  }

  function launch(delivery: ClaimedDelivery): void {
    const destinationId = delivery.destination.id;
    inFlight.set(destinationId, (inFlight.get(destinationId) ?? 0) + 1);
    let slotHeld = true;
    const freeSlot = () => {
      if (!slotHeld) return;
      slotHeld = false;
      inFlight.set(destinationId, (inFlight.get(destinationId) ?? 1) - 1);
      sendWaiting(destinationId);
      // The next batch is claimed while the last slots' worth is still going out, so a backlog never waits on a read.
      if ((waiting.get(destinationId)?.length ?? 0) < limit) wake();
    };
    const done = attempt(delivery, freeSlot)
      .catch((error: unknown) => {
        // The answer could not be written (database gone): the lease expires and the delivery is tried again.
        log.warn({ delivery: delivery.id, error: String(error) }, 'delivery attempt not recorded');
      })
      .finally(() => {
        sending.delete(done);
        freeSlot();
      });
    sending.add(done);
  }

  /** Fills the destination's free slots from its claimed deliveries, without touching the database. */
  function sendWaiting(destinationId: string): void {
    const queue = waiting.get(destinationId) ?? [];
    const stale: string[] = [];
    while (!stopped && queue.length > 0 && (inFlight.get(destinationId) ?? 0) < limit) {
      const { delivery, leaseEndsAt } = queue.shift()!;
      // Sent only with half its lease (at least one request timeout) left, so no other process can claim it while
      // this request is out; a claim that waited longer goes back to the queue instead.
      if (leaseEndsAt - Date.now() < leaseMs / 2) stale.push(delivery.id);
      else launch(delivery);
    }
    if (queue.length === 0) waiting.delete(destinationId);
    if (stale.length > 0) giveBack(stale);
  }

  function giveBack(ids: string[]): void {
    record((trx) => release(trx, ids, owner)).catch((error: unknown) =>
      log.warn({ error: String(error) }, 'claims not given back'),
    );
  }

  async function readQueue(): Promise<void> {
    const destinations = await sendingDestinations(db);
    // A destination deleted or disabled meanwhile: its claimed deliveries go back unsent.
    for (const [destinationId, queue] of waiting) {
      if (destinations.includes(destinationId)) continue;
      waiting.delete(destinationId);
      giveBack(queue.map((each) => each.delivery.id));
    }
    for (const destinationId of destinations) {
      if (stopped) return;
      const queue = waiting.get(destinationId) ?? [];
      const wanted = batch - queue.length - (inFlight.get(destinationId) ?? 0);
      if (queue.length >= limit || wanted <= 0) continue;
      const leaseEndsAt = Date.now() + leaseMs;
      const claimed = await loadClaimed(db, await claimDue(db, destinationId, wanted, { owner, leaseMs, engine }));
      if (stopped) {
        await release(
          db,
          claimed.map((delivery) => delivery.id),
          owner,
        );
        return;
      }
      waiting.set(destinationId, [
        ...(waiting.get(destinationId) ?? []),
        ...claimed.map((delivery) => ({ delivery, leaseEndsAt })),
      ]);
      sendWaiting(destinationId);
    }
  }

  function wake(): void {
    if (stopped) return;
    if (reading) {
      readAgain = true;
      return;
    }
    reading = readQueue()
      .catch((error: unknown) => log.warn({ error: String(error) }, 'delivery queue not read'))
      .finally(() => {
        reading = undefined;
        if (readAgain) {
          readAgain = false;
          wake();
        } else schedule(pollMs);
      });
  }

  wake();
  return {
    wake,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await reading;
      const unsent = [...waiting.values()].flat().map((each) => each.delivery.id);
      waiting.clear();
      await Promise.all([...sending]);
      await release(db, unsent, owner);
    },
  };
}
