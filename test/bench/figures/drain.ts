import type { Page } from '@playwright/test';
import { stored } from '../../../lib/schemas';
import { readExtensionStorage } from '../../e2e/support/extension';
import { setApiUrl, signIn } from '../../e2e/support/manager';
import { nodeNow } from '../support/clock';
import { PlatformGate } from '../support/gate';
import { pause, type BenchSession } from '../support/session';

const CONTACTS = [
  { channel: 'telegram', externalId: '777001', displayName: 'Anna Petrova', username: 'anna_leads' },
  { channel: 'telegram', externalId: '777002', displayName: 'Boris Ivanov' },
  { channel: 'telegram', externalId: '777003', displayName: 'Clara Smith' },
  { channel: 'telegram', externalId: '-1001234567890', displayName: 'Leads Group' },
];
const DRAIN_TIMEOUT_MS = 120_000;
/** After the last event is stored, how long to keep listening for a second copy of any of them. */
const LISTEN_FOR_DOUBLES_MS = 2_000;

export interface DrainRun {
  events: number;
  /** How long the extension took to accept all of them while the platform was down (Saves, in effect). */
  queueingMs: number;
  /** Platform back → first of them stored: the outbox waiting out its backoff. */
  firstStoredMs: number;
  /** Platform back → the last of them stored: the figure. */
  allStoredMs: number;
  /** Distinct events stored, and POSTs the platform answered as repeats of an event it already had. */
  storedOnce: number;
  repeatedPosts: number;
  /** Events stored that were not among those queued, or stored with a second id. */
  unexpected: number;
}

/** Every queued record has been tried once and failed: the platform has been down for each of them. */
async function attemptedOnce(session: BenchSession, ids: ReadonlySet<string>): Promise<number> {
  const local = await readExtensionStorage(session.extension.context, 'local');
  return Object.entries(local).filter(([key, value]) => {
    if (!key.startsWith(stored.outboxRecord.prefix) || !ids.has(key.slice(stored.outboxRecord.prefix.length)))
      return false;
    return (value as { attempts?: number }).attempts !== undefined && (value as { attempts: number }).attempts >= 1;
  }).length;
}

/**
 * The platform goes down (a gate in front of the sandbox stops listening), `count` events are submitted through the
 * extension's own message path from an extension page, each is tried once and fails, then the platform comes back.
 * The figure is the time from the gate opening to the last of them stored, with a chat tab in front whose panel is
 * open, as a manager works (its panel follows the outbox as it changes).
 */
export async function measureDrain(
  session: BenchSession,
  extensionPage: Page,
  chatPage: Page,
  count: number,
): Promise<DrainRun> {
  const { extension, sandbox } = session;
  const gate = new PlatformGate(sandbox.port);
  await gate.open();
  await setApiUrl(extension, gate.url);
  await signIn(extension);
  // The manager is in the chat, its panel open, while the outbox drains: that tab is in front (not throttled).
  await chatPage.bringToFront();
  try {
    return await drainThroughGate(session, gate, extensionPage, count);
  } finally {
    await gate.open().catch(() => undefined);
    await setApiUrl(extension, sandbox.url);
    await signIn(extension);
    await gate.close();
  }
}

async function queueEvents(extensionPage: Page, count: number): Promise<{ ids: Set<string>; ms: number }> {
  const queued = await extensionPage.evaluate(
    async ({ count, contacts }) => {
      const runtime = (
        globalThis as unknown as { chrome: { runtime: { sendMessage(message: unknown): Promise<{ ok: boolean }> } } }
      ).chrome.runtime;
      const started = performance.now();
      const ids: string[] = [];
      const replies = await Promise.all(
        Array.from({ length: count }, (_, index) => {
          const id = crypto.randomUUID();
          ids.push(id);
          const isRegistration = index % 3 === 0;
          const payload = {
            id,
            type: isRegistration ? 'registration' : 'redeposit',
            contact: contacts[index % contacts.length],
            ...(isRegistration ? {} : { amount: `${10 + (index % 90)}.5`, currency: 'USD' }),
            occurredAt: new Date().toISOString(),
          };
          return runtime.sendMessage({ name: 'event.submit', payload });
        }),
      );
      return { ids, ms: performance.now() - started, refused: replies.filter((reply) => !reply?.ok).length };
    },
    { count, contacts: CONTACTS },
  );
  if (queued.refused > 0) throw new Error(`The background refused ${queued.refused} of ${count} events`);
  return { ids: new Set(queued.ids), ms: queued.ms };
}

async function drainThroughGate(
  session: BenchSession,
  gate: PlatformGate,
  extensionPage: Page,
  count: number,
): Promise<DrainRun> {
  const { commits, sandbox } = session;
  await gate.close();
  const { ids, ms: queueingMs } = await queueEvents(extensionPage, count);
  const deadline = Date.now() + 60_000;
  while ((await attemptedOnce(session, ids)) < count) {
    if (Date.now() > deadline) throw new Error('The outbox did not try every queued event within 60 s');
    await pause(250);
  }

  let storedCount = 0;
  const firstStored = commits.next((commit) => commit.status === 201 && ids.has(commit.id), DRAIN_TIMEOUT_MS);
  const allStored = commits.next(
    (commit) => commit.status === 201 && ids.has(commit.id) && ++storedCount === count,
    DRAIN_TIMEOUT_MS,
  );
  const backAt = nodeNow();
  await gate.open();
  const first = await firstStored;
  const last = await allStored;
  await pause(LISTEN_FOR_DOUBLES_MS);

  const ours = commits.commits.filter((commit) => ids.has(commit.id));
  const storedIds = (await sandbox.storedIds()).filter((id) => ids.has(id));
  const created = ours.filter((commit) => commit.status === 201).length;
  return {
    events: count,
    queueingMs,
    firstStoredMs: first.storedAt - backAt,
    allStoredMs: last.storedAt - backAt,
    storedOnce: new Set(storedIds).size,
    repeatedPosts: ours.filter((commit) => commit.status === 200).length,
    unexpected: storedIds.length - new Set(storedIds).size + (created - count),
  };
}
