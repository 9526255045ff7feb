import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ApiClient } from '../../../lib/background/api-client';
import type { ApiResult } from '../../../lib/background/api-failure';
import { createOutbox, type Outbox, type OutboxOptions } from '../../../lib/background/outbox';
import type { AuthSession } from '../../../lib/background/session';
import { OUTBOX_ALARM } from '../../../lib/background/wake-up';
import { refuseWritesOf } from './full-disk';
import { stored, type OutboxRecord, type TrackerEvent, type TrackerEventInput } from '../../../lib/schemas';

/**
 * The outbox's driver on a fake clock: every wait is the driver's own timer, advanced by the test, never slept. The
 * platform and the session are fakes outside the unit (the sandbox-backed tests in this folder post over HTTP).
 */

const PLATFORM = 'https://platform.test';
const OTHER_PLATFORM = 'https://other-platform.test';
/** How long the fake platform takes to answer a post, and the session to hand out its token. */
const LATENCY_MS = 50;
const TOKEN_CHECK_MS = 5;

type Answer = ApiResult<TrackerEvent>;
const accepted = (event: TrackerEventInput): Answer => ({
  ok: true,
  status: 201,
  data: { ...event, status: 'accepted', receivedAt: new Date().toISOString(), source: 'manual' } as TrackerEvent,
});
const unavailable = (retryAfterSeconds?: number): Answer => ({
  ok: false,
  failure: {
    kind: 'http',
    status: 503,
    error: { code: 'unavailable', message: 'Busy' },
    ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
  },
});

interface Post {
  id: string;
  operatorId: string;
  apiUrl: string;
  startedAt: number;
  endedAt?: number;
  /** Whether the platform took the event (a retry of an event it took is answered 200 and stored once). */
  took?: boolean;
}

/** The platform: answers each post after LATENCY_MS with what `answer` says (accepts by default), and logs it. */
function fakePlatform() {
  const posts: Post[] = [];
  let answer: (event: TrackerEventInput) => Answer = accepted;
  const api = {
    async postEvent(event: TrackerEventInput, token: string): Promise<Answer> {
      const [operatorId = '', apiUrl = ''] = token.split(' ');
      const post: Post = { id: event.id, operatorId, apiUrl, startedAt: Date.now() };
      posts.push(post);
      await new Promise((resolve) => setTimeout(resolve, LATENCY_MS));
      post.endedAt = Date.now();
      const result = answer(event);
      post.took = result.ok;
      return result;
    },
  };
  return {
    posts,
    // The outbox calls only postEvent.
    api: api as unknown as ApiClient,
    answerWith(next: (event: TrackerEventInput) => Answer) {
      answer = next;
    },
    postsOf: (id: string) => posts.filter((post) => post.id === id).length,
    /** Whether the platform holds each of these events, as it does after any post of it that it took. */
    holdsAll: (events: TrackerEventInput[]) =>
      events.every((event) => posts.some((post) => post.id === event.id && post.took)),
  };
}

/** Who is signed in, and which platform is set: the token carries both, so the fake platform sees who posted where. */
function fakeSession(state: { operatorId?: string; apiUrl: string }): AuthSession {
  return {
    async summary() {
      return state.operatorId === undefined
        ? { signedIn: false }
        : { signedIn: true, operator: { id: state.operatorId, name: 'Demo', email: 'demo@tracker.test' } };
    },
    async withAuth(call, options) {
      // A token check that takes a moment, as a real one does.
      await new Promise((resolve) => setTimeout(resolve, TOKEN_CHECK_MS));
      if (state.operatorId === undefined) return { ok: false, failure: { kind: 'signedOut' } };
      if (options?.operatorId !== undefined && options.operatorId !== state.operatorId)
        return { ok: false, failure: { kind: 'otherOperator' } };
      return call(`${state.operatorId} ${state.apiUrl}`);
    },
    signIn: () => Promise.reject(new Error('not used by the outbox')),
    signOut: () => Promise.reject(new Error('not used by the outbox')),
  };
}

let platform: ReturnType<typeof fakePlatform>;
let who: { operatorId?: string; apiUrl: string };
const outboxes: Outbox[] = [];

function startOutbox(options: Partial<OutboxOptions> = {}): Outbox {
  const outbox = createOutbox({
    session: fakeSession(who),
    api: platform.api,
    platform: async () => who.apiUrl,
    random: () => 0.99,
    ...options,
  });
  outboxes.push(outbox);
  return outbox;
}

beforeEach(() => {
  fakeBrowser.reset();
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  platform = fakePlatform();
  who = { operatorId: 'op_demo', apiUrl: PLATFORM };
});

afterEach(async () => {
  const stopping = Promise.all(outboxes.splice(0).map((outbox) => outbox.stop()));
  await vi.runAllTimersAsync();
  await stopping;
  vi.restoreAllMocks();
  vi.useRealTimers();
});

const registration = (): TrackerEventInput => ({
  id: randomUUID(),
  type: 'registration',
  contact: { channel: 'telegram', externalId: '777001', displayName: 'Anna Petrova' },
  occurredAt: new Date().toISOString(),
});

async function recordOf(id: string): Promise<OutboxRecord | undefined> {
  const key = stored.outboxRecord.prefix + id;
  return (await fakeBrowser.storage.local.get(key))[key] as OutboxRecord | undefined;
}

const advance = (ms: number) => vi.advanceTimersByTimeAsync(ms);

/** Waits for what the outbox was asked to do, the clock moving on `ms` meanwhile (its posts take time). */
async function meanwhile<T>(asked: Promise<T>, ms: number): Promise<T> {
  await advance(ms);
  return asked;
}

/** Saves these events while signed out, then signs in and takes them over: a backlog that goes by a scan. */
async function backlogOf(outbox: Outbox, count: number): Promise<TrackerEventInput[]> {
  const signedIn = who.operatorId;
  who.operatorId = undefined;
  const events = Array.from({ length: count }, registration);
  for (const event of events) await outbox.enqueue(event);
  who.operatorId = signedIn;
  return events;
}

describe('a platform that fails', () => {
  it('gets one probe at a time after the first burst, with a pause that doubles up to 15 s, and the backlog once it answers', async () => {
    const outbox = startOutbox();
    const events = await backlogOf(outbox, 30);
    platform.answerWith(() => unavailable());

    await outbox.adopt(null);
    await advance(60_000);

    // The first burst is the concurrency; after the first failure, never two posts at once.
    const burst = platform.posts.filter((post) => post.startedAt < (platform.posts[0]?.endedAt ?? 0));
    const probes = platform.posts.slice(burst.length);
    expect(burst).toHaveLength(6);
    for (const [index, probe] of probes.entries()) {
      const previous = probes[index - 1];
      if (previous) expect(probe.startedAt).toBeGreaterThanOrEqual(previous.endedAt ?? Infinity);
    }
    // With the dice at 0.99: pauses of 2 s, 4 s, 8 s, then 15 s (the cap), after each probe's answer.
    const gaps = probes.slice(1).map((probe, index) => probe.startedAt - (probes[index]?.endedAt ?? 0));
    expect(gaps.slice(0, 4)).toEqual([3_960, 7_920, 14_850, 14_850].map((pause) => pause + TOKEN_CHECK_MS));
    expect(platform.posts.length).toBeLessThan(15);

    platform.answerWith(accepted);
    await advance(15_000 + LATENCY_MS * 6);
    expect(platform.holdsAll(events)).toBe(true);
    expect(platform.posts.filter((post) => post.took)).toHaveLength(30);
    expect((await outbox.summary()).queued).toBe(0);
  });

  it('posts a Save at once while the outbox is paused', async () => {
    const outbox = startOutbox();
    platform.answerWith(() => unavailable());
    await outbox.enqueue(registration());
    await advance(LATENCY_MS + 10);
    expect(platform.posts).toHaveLength(1);

    platform.answerWith(accepted);
    const saved = registration();
    await outbox.enqueue(saved);
    await advance(LATENCY_MS + 10);
    expect(await recordOf(saved.id)).toMatchObject({ state: 'sent' });
  });

  it("wakes itself for the next attempt: one alarm at the record's time, and a timer that fires it", async () => {
    const outbox = startOutbox();
    platform.answerWith((event) => (platform.postsOf(event.id) === 1 ? unavailable(120) : accepted(event)));
    const event = registration();
    await outbox.enqueue(event);
    await advance(LATENCY_MS + 10);

    const waiting = await recordOf(event.id);
    expect(waiting).toMatchObject({ state: 'queued', attempts: 1 });
    expect((await fakeBrowser.alarms.get(OUTBOX_ALARM))?.scheduledTime).toBe(waiting?.nextAttemptAt);
    expect(await fakeBrowser.alarms.getAll()).toHaveLength(1);

    await advance(119_000);
    expect(platform.postsOf(event.id)).toBe(1);
    await advance(1_000 + LATENCY_MS);
    expect(await recordOf(event.id)).toMatchObject({ state: 'sent', attempts: 2 });
  });
});

describe('once the platform answers again', () => {
  it('delivers the events waiting out a backoff at once, not when each falls due', async () => {
    const outbox = startOutbox({ backoff: { baseMs: 10_000, capMs: 10_000 } });
    platform.answerWith((event) => (platform.posts.length === 1 ? unavailable() : accepted(event)));
    const waiting = registration();
    await outbox.enqueue(waiting);
    await advance(LATENCY_MS + 10);
    expect((await recordOf(waiting.id))?.nextAttemptAt).toBeGreaterThan(Date.now() + 9_000);

    await outbox.enqueue(registration());
    await advance(2 * LATENCY_MS + 20);
    expect(await recordOf(waiting.id)).toMatchObject({ state: 'sent', attempts: 2 });
  });

  it('delivers them when any other call gets an answer', async () => {
    const outbox = startOutbox({ backoff: { baseMs: 10_000, capMs: 10_000 } });
    platform.answerWith((event) => (platform.posts.length === 1 ? unavailable() : accepted(event)));
    const waiting = registration();
    await outbox.enqueue(waiting);
    await advance(LATENCY_MS + 10);

    outbox.noteReachable();
    await advance(LATENCY_MS + 10);
    expect(await recordOf(waiting.id)).toMatchObject({ state: 'sent', attempts: 2 });
  });

  it('still waits out a Retry-After the platform asked for', async () => {
    const outbox = startOutbox({ backoff: { baseMs: 20, capMs: 20 } });
    platform.answerWith((event) => (platform.posts.length === 1 ? unavailable(2) : accepted(event)));
    const waiting = registration();
    await outbox.enqueue(waiting);
    await advance(LATENCY_MS + 10);

    const next = registration();
    await outbox.enqueue(next);
    await advance(1_800);
    expect(await recordOf(next.id)).toMatchObject({ state: 'sent' });
    expect(platform.postsOf(waiting.id)).toBe(1);

    await advance(300);
    expect(await recordOf(waiting.id)).toMatchObject({ state: 'sent', attempts: 2 });
  });
});

describe('whose events go where', () => {
  it("never posts another operator's queued events, and posts them once their own operator signs in again", async () => {
    const outbox = startOutbox();
    platform.answerWith((event) => (platform.posts.length === 1 ? unavailable(1) : accepted(event)));
    const event = registration();
    await outbox.enqueue(event);
    await advance(LATENCY_MS + 10);

    who.operatorId = 'op_second';
    await meanwhile(outbox.resume(), 60_000);
    expect(platform.posts).toHaveLength(1);
    expect(await outbox.summary()).toMatchObject({ queued: 1 });

    who.operatorId = 'op_demo';
    await meanwhile(outbox.resume(), LATENCY_MS + 10);
    expect(platform.posts.map((post) => post.operatorId)).toEqual(['op_demo', 'op_demo']);
    expect(await recordOf(event.id)).toMatchObject({ state: 'sent' });
  });

  it('does not post an event when another platform is set while it is on its way', async () => {
    const outbox = startOutbox();
    const event = registration();
    await outbox.enqueue(event);
    who.apiUrl = OTHER_PLATFORM;
    await advance(60_000);

    expect(platform.posts).toEqual([]);
    expect(await recordOf(event.id)).toMatchObject({ state: 'queued', attempts: 0, apiUrl: PLATFORM });
    who.apiUrl = PLATFORM;
    await meanwhile(outbox.resume(), LATENCY_MS + 10);
    expect(platform.posts.map((post) => post.apiUrl)).toEqual([PLATFORM]);
  });

  it('sets no wake-up while signed out, and holds what was saved then', async () => {
    who.operatorId = undefined;
    const outbox = startOutbox();
    await outbox.enqueue(registration());
    await meanwhile(outbox.deliverDue(), 60_000);

    expect(platform.posts).toEqual([]);
    expect(await fakeBrowser.alarms.getAll()).toEqual([]);
  });
});

describe('storage that refuses the write after a 2xx', () => {
  /** Makes storage.local refuse every write of this event's record once it was posted, until `allow` is called. */
  const refuseSentWrite = (id: string) =>
    refuseWritesOf(() => (platform.postsOf(id) > 0 ? stored.outboxRecord.prefix + id : undefined));

  it('tries the "sent" write again after growing rests, never posting again', async () => {
    const outbox = startOutbox({ backoff: { baseMs: 20, capMs: 200 }, random: () => 0.5 });
    const event = registration();
    const refused = refuseSentWrite(event.id);
    await outbox.enqueue(event);
    await advance(2_000);

    // Rests of 10, 20, 40, 80 ms, then 100 ms (half the 200 ms cap), each after a refused write.
    const rests = refused.refusedAt.slice(1).map((at, index) => at - (refused.refusedAt[index] ?? 0));
    expect(rests.slice(0, 6)).toEqual([10, 20, 40, 80, 100, 100]);
    expect(platform.posts).toHaveLength(1);

    refused.allow();
    await advance(100);
    expect(await recordOf(event.id)).toMatchObject({ state: 'sent', attempts: 1 });
    expect(platform.posts).toHaveLength(1);
  });

  it('leaves it queued when the worker is stopped meanwhile, and the next worker posts it again with its id', async () => {
    const first = startOutbox({ backoff: { baseMs: 20, capMs: 200 } });
    const event = registration();
    const refused = refuseSentWrite(event.id);
    await first.enqueue(event);
    await advance(500);
    expect(refused.refusedAt.length).toBeGreaterThan(2);

    await meanwhile(first.stop(), 0);
    expect(vi.getTimerCount()).toBe(0);
    expect(await recordOf(event.id)).toMatchObject({ state: 'queued', attempts: 0 });

    refused.allow();
    const second = startOutbox();
    await meanwhile(second.deliverDue(), LATENCY_MS + 10);
    expect(platform.posts.map((post) => post.id)).toEqual([event.id, event.id]);
    expect(await recordOf(event.id)).toMatchObject({ state: 'sent' });
  });
});

describe('a stopped worker', () => {
  it('keeps no timer once the posts in flight have ended', async () => {
    const outbox = startOutbox();
    platform.answerWith(() => unavailable());
    await backlogOf(outbox, 10);
    await outbox.adopt(null);
    await advance(TOKEN_CHECK_MS);
    expect(platform.posts.length).toBeGreaterThan(0);

    await meanwhile(outbox.stop(), LATENCY_MS);
    expect(vi.getTimerCount()).toBe(0);
    expect((await outbox.summary()).queued).toBe(10);
  });
});
