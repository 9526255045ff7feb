import type { ApiError, OutboxRecord } from '../schemas';
import type { ApiClient } from './api-client';
import { retryDelayMs, type BackoffPolicy } from './backoff';
import { outcomeOf, type DeliveryOutcome } from './delivery-outcome';
import type { OutboxStore } from './outbox-store';
import type { AuthSession } from './session';
import type { WakeUp } from './wake-up';

export interface DeliveryOptions {
  store: OutboxStore;
  session: AuthSession;
  api: ApiClient;
  /** The platform the extension is set to now: only records saved for it are posted. */
  platform: () => Promise<string>;
  wakeUp: WakeUp;
  now: () => number;
  random: () => number;
  backoff: BackoffPolicy;
  /** Posts in flight at once: enough to drain a backlog fast, few enough not to flood the platform. */
  concurrency: number;
}

export interface Delivery {
  /**
   * Posts every queued record whose time has come, of the operator signed in and for the platform set now; resolves
   * when nothing is left to do.
   */
  deliverDue(): Promise<void>;
  /** Posts this record at once, even while the platform is being given a rest: the manager just saved or retried it. */
  deliverNow(record: OutboxRecord): void;
  /** Signed in, or the browser is back online: stop waiting out the backoff and deliver what is due. */
  resume(): Promise<void>;
  /** Some other call got an answer from the platform: if the pass is waiting out a backoff, resume it. */
  noteReachable(): void;
  /** Lets a record that was settled here be delivered again (a manual retry). */
  reopen(id: string): void;
  /** Takes no more work and drops in-memory timers; resolves once the posts in flight have ended. */
  stop(): Promise<void>;
}

/**
 * The longest pause between probes while the platform fails: one request per client every 7.5 s on average (the
 * pause is jittered). Each record's own backoff still grows to the policy's cap; this bounds how long a platform that
 * is back goes unnoticed, and keeps a refresh whose answer was lost retried within the platform's 60 s grace for the
 * spent token. Chaos runs with 30% of requests failing had the outbox pausing 115 s after a run of failed probes (a
 * probe there needs three requests to go through: a 401, a refresh, the post again), and with a 30 s cap a lost
 * refresh was retried 57 s after it.
 */
const PROBE_PAUSE_CAP_MS = 15_000;

/**
 * The outbox's one delivery pass: a queue of records and up to `concurrency` posts in flight. A retryable failure
 * pauses the pass (the platform is down or busy: don't hit it with the whole backlog) for a backoff that doubles with
 * each failed probe, and after the pause the record that has waited longest goes alone as a probe until the platform
 * answers again. Records saved or retried meanwhile still get one immediate attempt, and any answer from the
 * platform resumes the pass at full speed.
 */
export function createDelivery(options: DeliveryOptions): Delivery {
  const { store, session, api, platform, wakeUp, now } = options;
  const candidates: OutboxRecord[] = [];
  const candidateIds = new Set<string>();
  const immediate = new Set<string>();
  const inFlight = new Set<string>();
  /** Sent or failed by this worker: a scan that read storage before that was written must not post it again. */
  const settled = new Set<string>();
  let idleWaiters: Array<() => void> = [];
  /** Writes resting before they try storage again; stop() ends their rest. */
  const restWaiters = new Set<() => void>();
  let active = 0;
  let scanWanted = false;
  let scanning: Promise<void> | undefined;
  let pausedUntil = 0;
  /** The platform asked, with Retry-After, not to be called again before this: nothing is brought forward sooner. */
  let retryAfterUntil = 0;
  /** The platform is answering again: the next scan takes records still waiting out a backoff as due. */
  let bringForward = false;
  /** The last attempt failed in a retryable way: one post at a time until the platform answers. */
  let probing = false;
  /** Failed probes since the platform last answered: the pause grows with them, whichever record was tried. */
  let failedProbes = 0;
  /** When the next queued record falls due; a hint for the wake-up (a stale one only causes a harmless scan). */
  let earliest: number | undefined;
  /** Whether this worker has read the whole outbox yet; until then, no wake-up set by an earlier worker is dropped. */
  let scannedOnce = false;
  let stopped = false;

  const probeBackoff: BackoffPolicy = { ...options.backoff, capMs: Math.min(options.backoff.capMs, PROBE_PAUSE_CAP_MS) };
  const isPaused = () => pausedUntil > now();
  const noteDue = (time: number) => {
    earliest = earliest === undefined ? time : Math.min(earliest, time);
  };
  const isBusy = (id: string) => inFlight.has(id) || settled.has(id) || candidateIds.has(id);

  async function scan(): Promise<void> {
    earliest = undefined;
    const summary = await session.summary();
    if (!summary.signedIn) return;
    const apiUrl = await platform();
    const { records } = await store.scan();
    const early = bringForward && retryAfterUntil <= now();
    bringForward = false;
    const due: OutboxRecord[] = [];
    let nextProbe: OutboxRecord | undefined;
    for (const record of records) {
      if (record.state !== 'queued' || record.dismissedAt !== undefined) continue;
      // Saved by someone else, or while signed out, or for another platform: it waits until the manager chooses.
      if (record.operatorId !== summary.operator.id || record.apiUrl !== apiUrl) continue;
      if (isBusy(record.event.id)) continue;
      if (record.nextAttemptAt > now() && !early) {
        noteDue(record.nextAttemptAt);
        if (!nextProbe || record.nextAttemptAt < nextProbe.nextAttemptAt) nextProbe = record;
      } else if (isPaused()) noteDue(now());
      else due.push(record);
    }
    // The platform is failing and its pause is over: one record goes now as the probe, even if its own backoff has
    // grown longer, so a platform that is back is found within one pause, not one record's backoff.
    if (probing && due.length === 0 && nextProbe && !isPaused()) due.push(nextProbe);
    // The longest waiting first: a record that just failed goes behind the others, so one the platform keeps
    // refusing (a probe after each pause) cannot hold back everything saved after it. Never-tried records keep the
    // order they were saved in, since they fall due when saved.
    due.sort((a, b) => a.nextAttemptAt - b.nextAttemptAt || a.createdAt - b.createdAt);
    for (const record of due) candidateIds.add(record.event.id);
    candidates.push(...due);
    scannedOnce = true;
  }

  /** The next record to post, and whether it goes as a probe (not a Save or retry the manager just made). */
  function take(): { record: OutboxRecord; probe: boolean } | undefined {
    while (!stopped && candidates.length) {
      const record = candidates[0];
      if (!record) break;
      const id = record.event.id;
      if (probing && active > 0 && !immediate.has(id)) break;
      candidates.shift();
      candidateIds.delete(id);
      const urgent = immediate.delete(id);
      if (inFlight.has(id) || settled.has(id)) continue;
      if (urgent || !isPaused()) return { record, probe: probing && !urgent };
      noteDue(now());
    }
    return undefined;
  }

  function settle(record: OutboxRecord, outcome: Exclude<DeliveryOutcome, { kind: 'hold' }>): OutboxRecord {
    const time = now();
    const attempts = record.attempts + 1;
    const rest = withoutError(record);
    if (outcome.kind === 'sent') return { ...rest, state: 'sent', attempts, updatedAt: time };
    const lastError: ApiError = outcome.error;
    if (outcome.kind === 'failed') return { ...rest, state: 'failed', attempts, updatedAt: time, lastError };
    const nextAttemptAt = time + retryDelayMs(attempts, options.backoff, options.random, outcome.retryAfterMs);
    return { ...rest, attempts, nextAttemptAt, updatedAt: time, lastError };
  }

  /** Waits `ms`, or less if the pass is stopped meanwhile: a stopped worker keeps no timer. */
  function rest(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        restWaiters.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      restWaiters.add(wake);
    });
  }

  /**
   * Stores what an attempt settled. A write storage refuses (a full disk) is tried again after a growing rest, without
   * posting again: after a 2xx the platform has the event, and posting it each time would only ask it again. A worker
   * stopped meanwhile leaves the record queued as stored; the next one posts it (same id, stored once) and writes again.
   */
  async function storeOutcome(id: string, outcome: Exclude<DeliveryOutcome, { kind: 'hold' }>): Promise<OutboxRecord | undefined> {
    for (let tries = 1; ; tries += 1) {
      try {
        return await store.update([id], (current) => {
          const latest = current.get(id);
          if (latest?.state !== 'queued') return { put: [], result: latest };
          const next = settle(latest, outcome);
          return { put: [next], result: next };
        });
      } catch (error) {
        if (stopped) throw error;
        await rest(retryDelayMs(tries, options.backoff, options.random));
      }
    }
  }

  /**
   * One attempt, as the record's owner and to the platform it was saved for. Never without an owner; the platform is
   * asked right before the post, so a platform changed meanwhile is not sent it.
   */
  async function post(record: OutboxRecord): Promise<DeliveryOutcome> {
    const { operatorId } = record;
    if (operatorId === undefined) return { kind: 'hold' };
    try {
      const result = await session.withAuth(async (token) => {
        if ((await platform()) !== record.apiUrl) throw new PlatformChanged();
        return api.postEvent(record.event, token);
      }, { operatorId });
      return outcomeOf(result);
    } catch (error) {
      if (error instanceof PlatformChanged) return { kind: 'hold' };
      throw error;
    }
  }

  async function deliverOne(record: OutboxRecord, probe: boolean): Promise<void> {
    const id = record.event.id;
    inFlight.add(id);
    try {
      const outcome = await post(record);
      if (outcome.kind === 'hold') return;
      const stored = await storeOutcome(id, outcome);
      if (outcome.kind === 'retry') probing = true;
      else platformAnswered();
      if (outcome.kind === 'retry' && outcome.retryAfterMs !== undefined) retryAfterUntil = Math.max(retryAfterUntil, now() + outcome.retryAfterMs);
      if (stored?.state === 'queued') {
        // A backlog failing in one burst is one failure of the platform, not hundreds: the pause grows with probes.
        failedProbes = probe ? failedProbes + 1 : Math.max(failedProbes, 1);
        const pause = retryDelayMs(failedProbes, probeBackoff, options.random, outcome.kind === 'retry' ? outcome.retryAfterMs : undefined);
        // A failed probe pauses the pass; any other failure no longer than its own record waits.
        const until = now() + pause;
        pausedUntil = Math.max(pausedUntil, probe ? until : Math.min(stored.nextAttemptAt, until));
        // Woken when the pause ends, however long this record's own backoff: the next probe goes then.
        noteDue(Math.min(stored.nextAttemptAt, pausedUntil));
      } else {
        settled.add(id);
      }
    } catch {
      // Stopped while storage refused the write: the record is still queued as stored; look again after a short rest.
      noteDue(now() + options.backoff.baseMs);
    } finally {
      inFlight.delete(id);
    }
  }

  async function schedule(): Promise<void> {
    if (stopped || (earliest === undefined && !scannedOnce)) return;
    const summary = await session.summary();
    if (!summary.signedIn || earliest === undefined) return wakeUp.at(undefined);
    return wakeUp.at(Math.max(earliest, pausedUntil));
  }

  function finish(): void {
    const waiters = idleWaiters;
    idleWaiters = [];
    void schedule()
      .catch(() => undefined)
      .finally(() => waiters.forEach((resolve) => resolve()));
  }

  function kick(): void {
    // Stopped, the pass starts nothing more: a scan asked for meanwhile is dropped, or it would keep the pass from
    // ever being idle and stop() from resolving.
    if (stopped) scanWanted = false;
    if (scanWanted && !scanning) {
      scanWanted = false;
      scanning = scan()
        .catch(() => noteDue(now() + options.backoff.baseMs))
        .finally(() => {
          scanning = undefined;
          kick();
        });
    }
    while (active < options.concurrency) {
      const next = take();
      if (!next) break;
      active += 1;
      void deliverOne(next.record, next.probe).finally(() => {
        active -= 1;
        kick();
      });
    }
    if (active === 0 && !scanning && !scanWanted) finish();
  }

  function whenIdle(): Promise<void> {
    return new Promise((resolve) => {
      idleWaiters.push(resolve);
      kick();
    });
  }

  function deliverDue(): Promise<void> {
    scanWanted = true;
    return whenIdle();
  }

  /** The backoff is for a platform that is failing: once it answers, what waits goes now, not as each falls due. */
  function resume(): Promise<void> {
    pausedUntil = 0;
    bringForward = true;
    return deliverDue();
  }

  function platformAnswered(): void {
    probing = false;
    failedProbes = 0;
    if (isPaused()) void resume();
  }

  return {
    deliverDue,
    resume,
    noteReachable: platformAnswered,
    deliverNow(record) {
      const id = record.event.id;
      if (stopped || inFlight.has(id)) return;
      const waiting = candidates.findIndex((candidate) => candidate.event.id === id);
      if (waiting >= 0) candidates.splice(waiting, 1);
      candidateIds.add(id);
      immediate.add(id);
      candidates.unshift(record);
      kick();
    },
    reopen(id) {
      settled.delete(id);
    },
    stop() {
      stopped = true;
      candidates.length = 0;
      candidateIds.clear();
      wakeUp.stop();
      for (const wake of [...restWaiters]) wake();
      return whenIdle();
    },
  };
}

/** The platform set now is not the one a record was saved for: the post is not made. */
class PlatformChanged extends Error {
  constructor() {
    super('Another platform is set than the one this event was saved for');
    this.name = 'PlatformChanged';
  }
}

function withoutError(record: OutboxRecord): Omit<OutboxRecord, 'lastError'> {
  const { lastError: _dropped, ...rest } = record;
  return rest;
}
