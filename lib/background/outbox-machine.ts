import type { OutboxRecord } from '../schemas';
import { retryDelayMs, type BackoffPolicy } from './backoff';
import type { DeliveryOutcome } from './delivery-outcome';

/**
 * The outbox's rules of delivery, as pure functions of what happened and the time: no storage, no timers, no
 * platform. `lib/background/delivery.ts` drives them; docs/reliability.md ("The outbox as a state machine") draws them.
 *
 * Two machines: one per record (queued → sent, failed, or queued again later), and one for the whole outbox, its
 * pace (flowing, or probing a failing platform one post at a time with a pause between probes).
 */

/** What an attempt settled: the platform took the event, refused it for good, or it goes again later. */
export type Settled = Exclude<DeliveryOutcome, { kind: 'hold' }>;

export interface MachinePolicy {
  /** Each record's own backoff between attempts. */
  backoff: BackoffPolicy;
}

/**
 * The longest pause between probes while the platform fails: one request per client every 7.5 s on average (the
 * pause is jittered). Each record's own backoff still grows to the policy's cap; this bounds how long a platform that
 * is back goes unnoticed, and keeps a refresh whose answer was lost retried within the platform's 30 s grace for the
 * spent token (docs/reliability.md, "What the chaos run found").
 */
export const PROBE_PAUSE_CAP_MS = 15_000;

// ——— One record ———

/** What can happen to one record. `draw` is a random number in [0, 1) for the backoff's jitter. */
export type RecordEvent =
  /** An attempt to post it ended so (a `hold` changes nothing and never reaches the machine). */
  | { kind: 'attempted'; outcome: Settled; draw: number }
  /** The manager pressed Retry: it goes now, as the operator signed in (if any) — not held for whoever saved it. */
  | { kind: 'retried'; operatorId: string | undefined }
  /** The manager dismissed a failed event: hidden, kept a week for the popup's log. */
  | { kind: 'dismissed' }
  /** The operator signed in takes over an event another operator, or nobody, left queued: theirs, and due now. */
  | { kind: 'adopted'; operatorId: string }
  /** The manager gives up on an event queued for another platform than the one set now. */
  | { kind: 'abandoned' };

/**
 * The record after `event`, or undefined when the event does not apply to it as it is now (a Retry of a sent event,
 * a Dismiss of a queued one, an attempt's answer for a record no longer queued): then it stays as it is.
 * A queued record's next wake-up is its `nextAttemptAt`.
 */
export function recordAfter(
  record: OutboxRecord,
  event: RecordEvent,
  now: number,
  policy: MachinePolicy,
): OutboxRecord | undefined {
  const visible = record.dismissedAt === undefined;
  const queued = record.state === 'queued' && visible;
  switch (event.kind) {
    case 'attempted': {
      if (record.state !== 'queued') return undefined;
      const attempts = record.attempts + 1;
      const rest = withoutError(record);
      const { outcome } = event;
      if (outcome.kind === 'sent') return { ...rest, state: 'sent', attempts, updatedAt: now };
      if (outcome.kind === 'failed')
        return { ...rest, state: 'failed', attempts, updatedAt: now, lastError: outcome.error };
      const nextAttemptAt = now + retryDelayMs(attempts, policy.backoff, () => event.draw, outcome.retryAfterMs);
      return { ...rest, attempts, nextAttemptAt, updatedAt: now, lastError: outcome.error };
    }
    case 'retried': {
      if (!visible || record.state === 'sent') return undefined;
      const owner = event.operatorId === undefined ? {} : { operatorId: event.operatorId };
      return { ...withoutError(record), ...owner, state: 'queued', nextAttemptAt: now, updatedAt: now };
    }
    case 'dismissed':
      return record.state === 'failed' && visible ? { ...record, dismissedAt: now, updatedAt: now } : undefined;
    case 'adopted':
      return queued ? { ...record, operatorId: event.operatorId, nextAttemptAt: now, updatedAt: now } : undefined;
    case 'abandoned':
      return queued ? { ...record, dismissedAt: now, updatedAt: now } : undefined;
  }
}

function withoutError(record: OutboxRecord): Omit<OutboxRecord, 'lastError'> {
  const { lastError: _dropped, ...rest } = record;
  return rest;
}

// ——— The whole outbox's pace ———

/**
 * How the outbox treats the platform, whichever record goes. Flowing: up to the driver's concurrency at once.
 * Probing (the last attempt failed in a retryable way): one post at a time, after a pause that doubles with each
 * failed probe; a Save or Retry the manager makes still goes at once.
 */
export interface Pace {
  probing: boolean;
  /** Failed probes since the platform last answered: the pause grows with them, whichever record was tried. */
  failedProbes: number;
  /** No post but the manager's own before this (epoch ms). */
  pausedUntil: number;
  /** The platform asked, with Retry-After, not to be called before this: nothing is brought forward sooner. */
  retryAfterUntil: number;
  /** The platform is answering again: the next scan takes records still waiting out a backoff as due. */
  bringForward: boolean;
}

export const FLOWING: Pace = {
  probing: false,
  failedProbes: 0,
  pausedUntil: 0,
  retryAfterUntil: 0,
  bringForward: false,
};

export type PaceEvent =
  /**
   * An attempt's outcome was stored; `stored` is the record as it is now (undefined: gone), `probe` whether it went as
   * a probe, `draw` a random number in [0, 1) for the pause's jitter.
   */
  | { kind: 'attempted'; outcome: Settled; stored: OutboxRecord | undefined; probe: boolean; draw: number }
  /** Some other call got an answer from the platform. */
  | { kind: 'answered' }
  /** Signed in, back online, events adopted: stop waiting out the backoff. */
  | { kind: 'resumed' };

export interface PaceStep {
  pace: Pace;
  /** When the outbox must look again, if this event calls for it (the driver keeps the earliest). */
  wakeAt?: number;
  /** The pause was lifted: scan now, bringing forward what waits. */
  rescan: boolean;
}

const isPaused = (pace: Pace, now: number) => pace.pausedUntil > now;

function answered(pace: Pace, now: number): PaceStep {
  const flowing = { ...pace, probing: false, failedProbes: 0 };
  // Only a pause is lifted: records waiting out their own backoff in a flowing outbox go when they fall due.
  return isPaused(pace, now)
    ? { pace: { ...flowing, pausedUntil: 0, bringForward: true }, rescan: true }
    : { pace: flowing, rescan: false };
}

export function paceAfter(pace: Pace, event: PaceEvent, now: number, policy: MachinePolicy): PaceStep {
  switch (event.kind) {
    case 'answered':
      return answered(pace, now);
    case 'resumed':
      return { pace: { ...pace, pausedUntil: 0, bringForward: true }, rescan: true };
    case 'attempted': {
      const { outcome, stored, probe } = event;
      const retryAfterMs = outcome.kind === 'retry' ? outcome.retryAfterMs : undefined;
      const step = outcome.kind === 'retry' ? { pace: { ...pace, probing: true }, rescan: false } : answered(pace, now);
      if (retryAfterMs !== undefined) step.pace.retryAfterUntil = Math.max(pace.retryAfterUntil, now + retryAfterMs);
      if (stored?.state !== 'queued') return step;
      // A backlog failing in one burst is one failure of the platform, not hundreds: the pause grows with probes.
      const failedProbes = probe ? step.pace.failedProbes + 1 : Math.max(step.pace.failedProbes, 1);
      const probeBackoff = { ...policy.backoff, capMs: Math.min(policy.backoff.capMs, PROBE_PAUSE_CAP_MS) };
      const until = now + retryDelayMs(failedProbes, probeBackoff, () => event.draw, retryAfterMs);
      // A failed probe pauses the outbox; any other failure no longer than its own record waits.
      const pausedUntil = Math.max(step.pace.pausedUntil, probe ? until : Math.min(stored.nextAttemptAt, until));
      // Woken when the pause ends, however long this record's own backoff: the next probe goes then.
      return {
        ...step,
        pace: { ...step.pace, failedProbes, pausedUntil },
        wakeAt: Math.min(stored.nextAttemptAt, pausedUntil),
      };
    }
  }
}

/** Who may send now: the operator signed in, to the platform set now. */
export interface Sender {
  operatorId: string;
  apiUrl: string;
}

export interface Picked {
  pace: Pace;
  /** To post, in this order. */
  due: OutboxRecord[];
  /** When the earliest record left waiting falls due, if any. */
  wakeAt?: number;
}

/**
 * Which of the stored records go now. Only queued ones of `sender` (others wait until the manager chooses), and not
 * those the driver is `busy` with. Records waiting out their backoff are taken too when the platform is answering
 * again (unless a Retry-After still holds); while paused nothing goes, and once a pause of a failing platform is over
 * one record goes as the probe even if its own backoff is longer, so a platform that is back is found within a pause.
 */
export function pick(
  pace: Pace,
  records: readonly OutboxRecord[],
  sender: Sender,
  busy: (id: string) => boolean,
  now: number,
): Picked {
  const early = pace.bringForward && pace.retryAfterUntil <= now;
  const paused = isPaused(pace, now);
  const due: OutboxRecord[] = [];
  let wakeAt: number | undefined;
  let nextProbe: OutboxRecord | undefined;
  const wake = (time: number) => (wakeAt = wakeAt === undefined ? time : Math.min(wakeAt, time));
  for (const record of records) {
    if (record.state !== 'queued' || record.dismissedAt !== undefined) continue;
    if (record.operatorId !== sender.operatorId || record.apiUrl !== sender.apiUrl || busy(record.event.id)) continue;
    if (record.nextAttemptAt > now && !early) {
      wake(record.nextAttemptAt);
      if (!nextProbe || record.nextAttemptAt < nextProbe.nextAttemptAt) nextProbe = record;
    } else if (paused) wake(now);
    else due.push(record);
  }
  if (pace.probing && due.length === 0 && nextProbe && !paused) due.push(nextProbe);
  // The longest waiting first: a record that just failed goes behind the others, so one the platform keeps refusing
  // cannot hold back everything saved after it. Never-tried records keep the order they were saved in.
  due.sort((a, b) => a.nextAttemptAt - b.nextAttemptAt || a.createdAt - b.createdAt);
  return { pace: { ...pace, bringForward: false }, due, ...(wakeAt === undefined ? {} : { wakeAt }) };
}

/**
 * Whether the next record in line may start now: `post` it (as a `probe` while probing, unless the manager just
 * saved or retried it: `urgent`), `wait` for the probe in flight to end (it stays in line), or take it out of line
 * for `later` (paused: it is woken for when the pause ends).
 */
export function turn(
  pace: Pace,
  next: { urgent: boolean; inFlight: number },
  now: number,
): 'post' | 'probe' | 'wait' | 'later' {
  if (pace.probing && next.inFlight > 0 && !next.urgent) return 'wait';
  if (next.urgent) return 'post';
  if (isPaused(pace, now)) return 'later';
  return pace.probing ? 'probe' : 'post';
}

/** When to wake the outbox: when the earliest record falls due, not before the pause ends; never when none waits. */
export function wakeUpAt(pace: Pace, earliest: number | undefined): number | undefined {
  return earliest === undefined ? undefined : Math.max(earliest, pace.pausedUntil);
}
