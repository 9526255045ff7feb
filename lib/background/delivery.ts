import type { OutboxRecord } from '../schemas';
import type { ApiClient } from './api-client';
import type { BackoffPolicy } from './backoff';
import { createAttempts } from './delivery-attempt';
import { FLOWING, paceAfter, pick, turn, wakeUpAt, type MachinePolicy, type PaceStep } from './outbox-machine';
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
 * The driver of the outbox's machine (`outbox-machine.ts`, which decides): it reads storage, keeps the line of
 * records to post with up to `concurrency` in flight, stores each outcome and sets the one wake-up.
 */
export function createDelivery(options: DeliveryOptions): Delivery {
  const { store, session, platform, wakeUp, now, random } = options;
  const policy: MachinePolicy = { backoff: options.backoff };
  const attempts = createAttempts({ ...options, policy });
  let pace = FLOWING;
  /** Records to post, in order: the manager's own Saves and Retries first, then what scans found due. */
  const urgent = new Map<string, OutboxRecord>();
  const line = new Map<string, OutboxRecord>();
  const inFlight = new Set<string>();
  /** Sent or failed by this worker: a scan that read storage before that was written must not post it again. */
  const settled = new Set<string>();
  /** When the next queued record falls due; a hint for the wake-up (a stale one only causes a harmless scan). */
  let earliest: number | undefined;
  /** Whether this worker has read the whole outbox yet; until then, no wake-up set by an earlier worker is dropped. */
  let scannedOnce = false;
  let scanWanted = false;
  let scanning: Promise<void> | undefined;
  let idleWaiters: Array<() => void> = [];
  let stopped = false;

  const noteDue = (time: number): void => {
    earliest = earliest === undefined ? time : Math.min(earliest, time);
  };
  const isBusy = (id: string) => inFlight.has(id) || settled.has(id) || urgent.has(id) || line.has(id);

  function apply(step: PaceStep): void {
    pace = step.pace;
    if (step.wakeAt !== undefined) noteDue(step.wakeAt);
    if (step.rescan) void deliverDue();
  }

  async function scanOutbox(): Promise<void> {
    earliest = undefined;
    const summary = await session.summary();
    if (!summary.signedIn) return;
    const sender = { operatorId: summary.operator.id, apiUrl: await platform() };
    const { records } = await store.scan();
    const picked = pick(pace, records, sender, isBusy, now());
    pace = picked.pace;
    if (picked.wakeAt !== undefined) noteDue(picked.wakeAt);
    for (const record of picked.due) line.set(record.event.id, record);
    scannedOnce = true;
  }

  /** The next record to post, and whether it goes as a probe. */
  function take(): { record: OutboxRecord; probe: boolean } | undefined {
    while (!stopped) {
      const isUrgent = urgent.size > 0;
      const record = (isUrgent ? urgent : line).values().next().value;
      if (!record) return undefined;
      const id = record.event.id;
      const go = turn(pace, { urgent: isUrgent, inFlight: inFlight.size }, now());
      if (go === 'wait') return undefined;
      (isUrgent ? urgent : line).delete(id);
      if (inFlight.has(id) || settled.has(id)) continue;
      if (go === 'later') noteDue(now());
      else return { record, probe: go === 'probe' };
    }
    return undefined;
  }

  async function deliverOne(record: OutboxRecord, probe: boolean): Promise<void> {
    const id = record.event.id;
    inFlight.add(id);
    try {
      const outcome = await attempts.post(record);
      if (outcome.kind === 'hold') return;
      const stored = await attempts.store(id, outcome);
      if (stored?.state !== 'queued') settled.add(id);
      apply(paceAfter(pace, { kind: 'attempted', outcome, stored, probe, draw: random() }, now(), policy));
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
    return wakeUp.at(summary.signedIn ? wakeUpAt(pace, earliest) : undefined);
  }

  function kick(): void {
    // Stopped, nothing more starts: a scan asked for meanwhile is dropped, or stop() would never resolve.
    if (stopped) scanWanted = false;
    if (scanWanted && !scanning) {
      scanWanted = false;
      scanning = scanOutbox()
        .catch(() => noteDue(now() + options.backoff.baseMs))
        .finally(() => {
          scanning = undefined;
          kick();
        });
    }
    while (inFlight.size < options.concurrency) {
      const next = take();
      if (!next) break;
      void deliverOne(next.record, next.probe).finally(kick);
    }
    if (inFlight.size === 0 && !scanning && !scanWanted) {
      const waiters = idleWaiters;
      idleWaiters = [];
      void schedule()
        .catch(() => undefined)
        .finally(() => waiters.forEach((resolve) => resolve()));
    }
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

  return {
    deliverDue,
    resume() {
      pace = paceAfter(pace, { kind: 'resumed' }, now(), policy).pace;
      return deliverDue();
    },
    noteReachable: () => apply(paceAfter(pace, { kind: 'answered' }, now(), policy)),
    deliverNow(record) {
      const id = record.event.id;
      if (stopped || inFlight.has(id)) return;
      line.delete(id);
      urgent.set(id, record);
      kick();
    },
    reopen(id) {
      settled.delete(id);
    },
    stop() {
      stopped = true;
      urgent.clear();
      line.clear();
      wakeUp.stop();
      attempts.stop();
      return whenIdle();
    },
  };
}
