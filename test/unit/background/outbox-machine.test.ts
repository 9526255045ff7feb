import { describe, expect, it } from 'vitest';
import {
  FLOWING,
  PROBE_PAUSE_CAP_MS,
  paceAfter,
  pick,
  recordAfter,
  turn,
  wakeUpAt,
  type Pace,
  type PaceEvent,
  type RecordEvent,
  type Settled,
} from '../../../lib/background/outbox-machine';
import type { OutboxRecord } from '../../../lib/schemas';

const NOW = 1_000_000;
const policy = { backoff: { baseMs: 2_000, capMs: 300_000 } };
const PLATFORM = 'https://platform.test';
const unavailable = { code: 'unavailable', message: 'Busy' };
const refused = { code: 'validation_failed', message: 'Amount needs approval' };

function record(overrides: Partial<OutboxRecord> = {}): OutboxRecord {
  const id = overrides.event?.id ?? 'a';
  return {
    event: {
      id,
      type: 'registration',
      contact: { channel: 'telegram', externalId: '777001' },
      occurredAt: '2026-12-05T10:00:00.000Z',
    },
    state: 'queued',
    attempts: 0,
    nextAttemptAt: NOW,
    createdAt: NOW - 5_000,
    updatedAt: NOW - 5_000,
    operatorId: 'op_demo',
    apiUrl: PLATFORM,
    ...overrides,
  } as OutboxRecord;
}
const withId = (id: string, overrides: Partial<OutboxRecord> = {}) =>
  record({ ...overrides, event: { ...record().event, id } });

const sent: Settled = { kind: 'sent' };
const failed: Settled = { kind: 'failed', error: refused };
const retry: Settled = { kind: 'retry', error: unavailable };
const retryAfter = (seconds: number): Settled => ({ kind: 'retry', error: unavailable, retryAfterMs: seconds * 1000 });

describe('one record', () => {
  const queuedWithError = record({ attempts: 2, lastError: unavailable });
  const failedRecord = record({ state: 'failed', attempts: 1, lastError: refused });
  const dismissedFailure = { ...failedRecord, dismissedAt: NOW - 1 };
  const sentRecord = record({ state: 'sent', attempts: 1 });
  const attempted = (outcome: Settled, draw = 0.5): RecordEvent => ({ kind: 'attempted', outcome, draw });

  const rows: Array<[string, OutboxRecord, RecordEvent, Partial<OutboxRecord> | undefined]> = [
    [
      'queued, answered 2xx → sent, its last error gone',
      queuedWithError,
      attempted(sent),
      { state: 'sent', attempts: 3, updatedAt: NOW, lastError: undefined },
    ],
    [
      'queued, refused for good → failed with the reason',
      record(),
      attempted(failed),
      { state: 'failed', attempts: 1, updatedAt: NOW, lastError: refused },
    ],
    // Full jitter: the third attempt's ceiling is 2 s × 2² = 8 s; a draw of 0.5 waits 4 s.
    [
      'queued, retryable → queued again after its backoff',
      queuedWithError,
      attempted(retry),
      { state: 'queued', attempts: 3, nextAttemptAt: NOW + 4_000, lastError: unavailable },
    ],
    [
      'the backoff stops at the cap',
      record({ attempts: 30 }),
      attempted(retry, 0.999),
      { nextAttemptAt: NOW + Math.floor(0.999 * 300_000) },
    ],
    [
      'never sooner than Retry-After',
      record(),
      attempted(retryAfter(120), 0.1),
      { state: 'queued', nextAttemptAt: NOW + 120_000 },
    ],
    ['an answer for a record settled meanwhile changes nothing', sentRecord, attempted(retry), undefined],
    ['an answer for a failed record changes nothing', failedRecord, attempted(sent), undefined],
    [
      'failed, Retry → queued now as the operator signed in, the error cleared',
      { ...failedRecord, operatorId: 'op_other' },
      { kind: 'retried', operatorId: 'op_demo' },
      { state: 'queued', nextAttemptAt: NOW, operatorId: 'op_demo', lastError: undefined },
    ],
    [
      'Retry while signed out keeps its owner',
      failedRecord,
      { kind: 'retried', operatorId: undefined },
      { state: 'queued', operatorId: 'op_demo' },
    ],
    [
      'queued, Retry → due now',
      record({ nextAttemptAt: NOW + 60_000 }),
      { kind: 'retried', operatorId: 'op_demo' },
      { state: 'queued', nextAttemptAt: NOW },
    ],
    ['sent, Retry → nothing', sentRecord, { kind: 'retried', operatorId: 'op_demo' }, undefined],
    ['dismissed, Retry → nothing', dismissedFailure, { kind: 'retried', operatorId: 'op_demo' }, undefined],
    ['failed, Dismiss → hidden, kept', failedRecord, { kind: 'dismissed' }, { state: 'failed', dismissedAt: NOW }],
    ['queued, Dismiss → nothing', record(), { kind: 'dismissed' }, undefined],
    ['sent, Dismiss → nothing', sentRecord, { kind: 'dismissed' }, undefined],
    ['already dismissed, Dismiss → nothing', dismissedFailure, { kind: 'dismissed' }, undefined],
    [
      "held for nobody, adopted → the adopter's, due now",
      record({ operatorId: undefined, nextAttemptAt: NOW + 9_000 }),
      { kind: 'adopted', operatorId: 'op_demo' },
      { operatorId: 'op_demo', nextAttemptAt: NOW },
    ],
    ['failed, adopted → nothing', failedRecord, { kind: 'adopted', operatorId: 'op_second' }, undefined],
    [
      'queued for another platform, abandoned → dismissed, still queued',
      record(),
      { kind: 'abandoned' },
      { state: 'queued', dismissedAt: NOW },
    ],
    ['sent, abandoned → nothing', sentRecord, { kind: 'abandoned' }, undefined],
  ];

  it.each(rows)('%s', (_name, before, event, expected) => {
    const after = recordAfter(before, event, NOW, policy);
    if (expected === undefined) return expect(after).toBeUndefined();
    const gone = Object.keys(expected).filter((key) => expected[key as keyof OutboxRecord] === undefined);
    const kept = Object.fromEntries(Object.entries(expected).filter(([key]) => !gone.includes(key)));
    expect(after).toMatchObject({ ...kept, event: before.event, createdAt: before.createdAt });
    for (const key of gone) expect(after).not.toHaveProperty(key);
  });
});

describe("the outbox's pace", () => {
  const probing = (overrides: Partial<Pace> = {}): Pace => ({
    ...FLOWING,
    probing: true,
    failedProbes: 1,
    pausedUntil: NOW + 3_000,
    ...overrides,
  });
  const attempted = (outcome: Settled, stored: OutboxRecord | undefined, probe: boolean, draw = 0.5): PaceEvent => ({
    kind: 'attempted',
    outcome,
    stored,
    probe,
    draw,
  });
  const waitingUntil = (time: number) => record({ attempts: 1, nextAttemptAt: time });

  const rows: Array<[string, Pace, PaceEvent, { pace: Partial<Pace>; wakeAt?: number; rescan: boolean }]> = [
    [
      'flowing, a post sent → flowing',
      FLOWING,
      attempted(sent, record({ state: 'sent' }), false),
      { pace: FLOWING, rescan: false },
    ],
    // Not a probe: the first failure counts as one; its pause (jittered 2 s ceiling → 1 s) no longer than the record waits.
    [
      'flowing, a retryable failure → probing, paused',
      FLOWING,
      attempted(retry, waitingUntil(NOW + 4_000), false),
      { pace: { probing: true, failedProbes: 1, pausedUntil: NOW + 1_000 }, wakeAt: NOW + 1_000, rescan: false },
    ],
    [
      'a failure of a record due sooner pauses only until it is due',
      FLOWING,
      attempted(retry, waitingUntil(NOW + 500), false),
      { pace: { probing: true, pausedUntil: NOW + 500 }, wakeAt: NOW + 500, rescan: false },
    ],
    [
      'a burst of failures is one failure, not many',
      probing({ failedProbes: 1 }),
      attempted(retry, waitingUntil(NOW + 60_000), false),
      { pace: { failedProbes: 1, pausedUntil: NOW + 3_000 }, wakeAt: NOW + 3_000, rescan: false },
    ],
    // Third failed probe: ceiling 2 s × 2² = 8 s, draw 0.5 → 4 s, however long the record's own backoff.
    [
      'probing, a failed probe → the pause doubles',
      probing({ failedProbes: 2, pausedUntil: NOW }),
      attempted(retry, waitingUntil(NOW + 200_000), true),
      { pace: { probing: true, failedProbes: 3, pausedUntil: NOW + 4_000 }, wakeAt: NOW + 4_000, rescan: false },
    ],
    [
      'the pause between probes stops at 15 s',
      probing({ failedProbes: 20, pausedUntil: NOW }),
      attempted(retry, waitingUntil(NOW + 300_000), true, 0.999),
      {
        pace: { pausedUntil: NOW + Math.floor(0.999 * PROBE_PAUSE_CAP_MS) },
        wakeAt: NOW + Math.floor(0.999 * PROBE_PAUSE_CAP_MS),
        rescan: false,
      },
    ],
    [
      'a Retry-After longer than the cap is waited out, and remembered',
      probing({ pausedUntil: NOW }),
      attempted(retryAfter(120), waitingUntil(NOW + 120_000), true),
      { pace: { pausedUntil: NOW + 120_000, retryAfterUntil: NOW + 120_000 }, wakeAt: NOW + 120_000, rescan: false },
    ],
    [
      'a retryable answer for a record settled meanwhile: probing, no pause',
      FLOWING,
      attempted(retry, record({ state: 'sent' }), false),
      { pace: { probing: true, failedProbes: 0, pausedUntil: 0 }, rescan: false },
    ],
    [
      'probing and paused, a post sent → flowing, the pause lifted, what waits brought forward',
      probing(),
      attempted(sent, record({ state: 'sent' }), false),
      { pace: { probing: false, failedProbes: 0, pausedUntil: 0, bringForward: true }, rescan: true },
    ],
    [
      'probing and paused, a refusal for good is an answer too',
      probing(),
      attempted(failed, record({ state: 'failed' }), true),
      { pace: { probing: false, pausedUntil: 0, bringForward: true }, rescan: true },
    ],
    [
      'probing, pause over, a probe sent → flowing, nothing brought forward',
      probing({ pausedUntil: NOW }),
      attempted(sent, record({ state: 'sent' }), true),
      { pace: { probing: false, failedProbes: 0, bringForward: false }, rescan: false },
    ],
    [
      'paused, another call answered → flowing, what waits brought forward',
      probing(),
      { kind: 'answered' },
      { pace: { probing: false, failedProbes: 0, pausedUntil: 0, bringForward: true }, rescan: true },
    ],
    ['flowing, another call answered → unchanged', FLOWING, { kind: 'answered' }, { pace: FLOWING, rescan: false }],
    [
      'a Retry-After survives an answer',
      probing({ retryAfterUntil: NOW + 9_000 }),
      { kind: 'answered' },
      { pace: { retryAfterUntil: NOW + 9_000, bringForward: true }, rescan: true },
    ],
    [
      'resumed (sign-in, online) → pause lifted, brought forward, still probing',
      probing(),
      { kind: 'resumed' },
      { pace: { probing: true, pausedUntil: 0, bringForward: true }, rescan: true },
    ],
  ];

  it.each(rows)('%s', (_name, before, event, expected) => {
    const step = paceAfter(before, event, NOW, policy);
    expect(step.pace).toMatchObject(expected.pace);
    expect(step.rescan).toBe(expected.rescan);
    if (expected.wakeAt !== undefined) expect(step.wakeAt).toBe(expected.wakeAt);
    else expect(step.wakeAt).toBeUndefined();
  });

  it('never changes the pace it was given', () => {
    const before = probing();
    const copy = structuredClone(before);
    paceAfter(before, attempted(retryAfter(5), waitingUntil(NOW + 5_000), true), NOW, policy);
    paceAfter(before, { kind: 'answered' }, NOW, policy);
    expect(before).toEqual(copy);
  });
});

describe('which records go', () => {
  const sender = { operatorId: 'op_demo', apiUrl: PLATFORM };
  const idle = () => false;
  const ids = (records: OutboxRecord[]) => records.map((one) => one.event.id);

  it('takes only queued records of the operator signed in, for the platform set now, not dismissed or busy', () => {
    const records = [
      withId('mine'),
      withId('other-operator', { operatorId: 'op_second' }),
      withId('nobodys', { operatorId: undefined }),
      withId('other-platform', { apiUrl: 'https://elsewhere.test' }),
      withId('sent', { state: 'sent' }),
      withId('failed', { state: 'failed' }),
      withId('given-up', { dismissedAt: NOW - 1 }),
      withId('in-flight'),
    ];
    const picked = pick(FLOWING, records, sender, (id) => id === 'in-flight', NOW);
    expect(ids(picked.due)).toEqual(['mine']);
    expect(picked.wakeAt).toBeUndefined();
  });

  it('puts the longest waiting first, and never-tried records in the order they were saved', () => {
    const records = [
      withId('just-failed', { nextAttemptAt: NOW - 10, createdAt: NOW - 9_000 }),
      withId('saved-second', { nextAttemptAt: NOW - 500, createdAt: NOW - 500 }),
      withId('saved-first', { nextAttemptAt: NOW - 500, createdAt: NOW - 600 }),
    ];
    expect(ids(pick(FLOWING, records, sender, idle, NOW).due)).toEqual(['saved-first', 'saved-second', 'just-failed']);
  });

  it('leaves records waiting out their backoff, and wakes for the earliest', () => {
    const picked = pick(
      FLOWING,
      [withId('later', { nextAttemptAt: NOW + 9_000 }), withId('sooner', { nextAttemptAt: NOW + 4_000 })],
      sender,
      idle,
      NOW,
    );
    expect(picked.due).toEqual([]);
    expect(picked.wakeAt).toBe(NOW + 4_000);
  });

  it('takes them all once the platform answers again, and only once', () => {
    const waiting = [withId('w1', { nextAttemptAt: NOW + 9_000 }), withId('w2', { nextAttemptAt: NOW + 4_000 })];
    const picked = pick({ ...FLOWING, bringForward: true }, waiting, sender, idle, NOW);
    expect(ids(picked.due)).toEqual(['w2', 'w1']);
    expect(picked.pace.bringForward).toBe(false);
    expect(pick(picked.pace, waiting, sender, idle, NOW).due).toEqual([]);
  });

  it('brings nothing forward while a Retry-After holds', () => {
    const picked = pick(
      { ...FLOWING, bringForward: true, retryAfterUntil: NOW + 1 },
      [withId('w', { nextAttemptAt: NOW + 9_000 })],
      sender,
      idle,
      NOW,
    );
    expect(picked.due).toEqual([]);
    expect(picked.wakeAt).toBe(NOW + 9_000);
  });

  it('takes nothing while paused, and wakes when the pause ends', () => {
    const pace = { ...FLOWING, probing: true, pausedUntil: NOW + 3_000 };
    const picked = pick(pace, [withId('due')], sender, idle, NOW);
    expect(picked.due).toEqual([]);
    expect(wakeUpAt(pace, picked.wakeAt)).toBe(NOW + 3_000);
  });

  it('sends one probe once the pause is over, even if every backoff is longer: the one due soonest', () => {
    const pace = { ...FLOWING, probing: true, failedProbes: 3, pausedUntil: NOW };
    const records = [withId('w1', { nextAttemptAt: NOW + 90_000 }), withId('w2', { nextAttemptAt: NOW + 40_000 })];
    expect(ids(pick(pace, records, sender, idle, NOW).due)).toEqual(['w2']);
    expect(pick(FLOWING, records, sender, idle, NOW).due).toEqual([]);
  });
});

describe('whose turn it is', () => {
  const paused = { ...FLOWING, probing: true, pausedUntil: NOW + 1 };
  const rows: Array<[string, Pace, { urgent: boolean; inFlight: number }, ReturnType<typeof turn>]> = [
    ['flowing: posts', FLOWING, { urgent: false, inFlight: 5 }, 'post'],
    [
      'probing, pause over, nothing in flight: a probe',
      { ...paused, pausedUntil: NOW },
      { urgent: false, inFlight: 0 },
      'probe',
    ],
    [
      'probing with a post in flight: waits for it',
      { ...paused, pausedUntil: NOW },
      { urgent: false, inFlight: 1 },
      'wait',
    ],
    ['paused: later', paused, { urgent: false, inFlight: 0 }, 'later'],
    ["paused, the manager's own Save or Retry: posts at once", paused, { urgent: true, inFlight: 3 }, 'post'],
  ];
  it.each(rows)('%s', (_name, pace, next, expected) => expect(turn(pace, next, NOW)).toBe(expected));

  it('wakes never when nothing waits, and not before a pause ends', () => {
    expect(wakeUpAt(FLOWING, undefined)).toBeUndefined();
    expect(wakeUpAt(FLOWING, NOW + 5)).toBe(NOW + 5);
    expect(wakeUpAt({ ...FLOWING, pausedUntil: NOW + 50 }, NOW + 5)).toBe(NOW + 50);
  });
});
