import { randomUUID } from 'node:crypto';
import { expect, type Locator, type Page, type Worker } from '@playwright/test';
import { TELEGRAM_K } from '../../e2e/support/fixtures';
import { openPanel } from '../../e2e/support/manager';
import { backgroundWorker } from '../../e2e/support/extension';
import { BASELINE_URL_MARK, FLOOR_PAGE, isBaselineWorker, type BaselineEvent } from '../support/baseline-extension';
import { measureClockOffset, PAGE_CLOCK, type ClockOffset } from '../support/clock';
import type { Commit } from '../support/commits';
import { WorkerControl } from '../support/worker-control';
import { allowNamedFunctions, openChatPage, pause, type BenchSession } from '../support/session';

/** Boris already has a deposit, so every Save is a redeposit the platform accepts. */
const CONTACT = { channel: 'telegram', externalId: '777002', displayName: 'Boris Ivanov' } as const;
const AMOUNT = '100';
/** What every Save logs, and what the baseline extension is built to log the same way. */
export const SAVED_EVENT: BaselineEvent = { contact: CONTACT, amount: AMOUNT, currency: 'USD' };
/** A manager does not save twice within this: the panel's follow-up reads finish before the next Save. */
const BETWEEN_SAVES_MS = 100;
const COMMIT_TIMEOUT_MS = 15_000;
/**
 * How long the bench holds the mouse button on Save, as a manager's click lasts tens of ms. Pressed and released in the
 * same instant, the release waited for what the press set off (focus leaving Amount) and that counted as the Save's.
 */
const PRESS_MS = 50;

export interface SavePhases {
  /** Click → the platform stored the event. */
  total: number;
  /** Click → the POST's headers reached the platform: the extension's part. */
  toRequest: number;
  /** Request → stored: the platform's part. */
  atPlatform: number;
}

/** Where a warm Save's time goes, from marks the bench sets in the service worker (see WorkerMarks). */
export interface SaveSteps {
  /** Click → event.submit reaches the service worker: React, the form's validation, the message hop. */
  clickToWorker: number;
  /** → its outbox record is in storage.local (the router's checks, enqueue: one storage read and one write). */
  workerToQueued: number;
  /** → the POST's headers reach the platform (delivery starts, fetch). */
  queuedToRequest: number;
  /** → stored. */
  atPlatform: number;
}

/**
 * The chat page with the panel open on Boris and the baseline extension's form beside it, and every Save click's time
 * (either's) recorded by the page itself.
 */
export class SavingChat {
  private constructor(
    readonly page: Page,
    private readonly clock: ClockOffset,
  ) {}

  static async open(session: BenchSession): Promise<SavingChat> {
    const url = `${TELEGRAM_K.baseUrl}?peer=${CONTACT.externalId}&${BASELINE_URL_MARK}`;
    const page = await openChatPage(session.extension.context, TELEGRAM_K, url);
    await openPanel(page);
    const panel = page.getByRole('complementary', { name: 'Tracker Data' });
    await expect(panel.getByText('clk_b0r15')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Baseline Save' })).toBeVisible();
    // The click's own timestamp (input time, on the page's clock) of every click on a submit button, shadow DOM included.
    await page.evaluate(() => {
      const clicks: number[] = [];
      Reflect.set(window, '__benchSaveClicks', clicks);
      window.addEventListener(
        'click',
        (event) => {
          const onSubmit = event
            .composedPath()
            .some((node) => node instanceof HTMLButtonElement && node.type === 'submit');
          if (onSubmit) clicks.push(performance.timeOrigin + event.timeStamp);
        },
        true,
      );
    });
    return new SavingChat(page, await measureClockOffset(() => page.evaluate(PAGE_CLOCK)));
  }

  get clockUncertaintyMs(): number {
    return this.clock.uncertaintyMs;
  }

  /** Opens Send event and fills a redeposit, up to the Save click. */
  async fillForm(): Promise<void> {
    const panel = this.page.getByRole('complementary', { name: 'Tracker Data' });
    await panel.getByRole('button', { name: 'Send event' }).click();
    await panel.getByRole('radio', { name: 'Redeposit', exact: true }).check();
    await panel.getByRole('textbox', { name: 'Amount' }).fill(AMOUNT);
  }

  /** Clicks Save and waits for the platform to store the event; returns the commit and the click's time on Node's clock. */
  save(session: BenchSession): Promise<{ commit: Commit; clickedAt: number }> {
    return this.clickAndWait(
      session,
      this.page.getByRole('complementary', { name: 'Tracker Data' }).getByRole('button', { name: 'Save' }),
    );
  }

  /** The same for the baseline extension's Save, whose form keeps its amount. */
  baselineSave(session: BenchSession): Promise<{ commit: Commit; clickedAt: number }> {
    return this.clickAndWait(session, this.page.getByRole('button', { name: 'Baseline Save' }));
  }

  private async clickAndWait(session: BenchSession, button: Locator): Promise<{ commit: Commit; clickedAt: number }> {
    const stored = session.commits.next(() => true, COMMIT_TIMEOUT_MS);
    // Forced: Playwright's hit-target check otherwise runs in the page on each pointer event of the click, inside the
    // time measured. The form has just been found open and filled, so the button is there to be clicked.
    await button.click({ force: true, delay: PRESS_MS });
    const commit = await stored;
    if (commit.status !== 201) throw new Error(`The platform answered ${commit.status} to a Save`);
    const clicks = await this.page.evaluate(() => (Reflect.get(window, '__benchSaveClicks') as number[]).splice(0));
    if (clicks.length !== 1) throw new Error(`Expected one Save click, the page saw ${clicks.length}`);
    return { commit, clickedAt: clicks[0]! - this.clock.offsetMs };
  }
}

/**
 * Marks in a service worker, on its own clock: when each Save's message arrives (a second runtime.onMessage listener,
 * which answers nothing and so leaves the worker's reply alone) and when its outbox record is first written
 * (storage.onChanged). Set by the bench through Playwright's Worker.evaluate; gone when the worker stops.
 */
export class WorkerMarks {
  private constructor(
    private readonly worker: Worker,
    private readonly clock: ClockOffset,
  ) {}

  /** Marks in a worker that takes events by message and writes them to `outbox:<id>`: Tracker Data's, the baseline's. */
  static async install(worker: Worker): Promise<WorkerMarks> {
    await allowNamedFunctions(worker);
    await worker.evaluate(() => {
      const marks = { received: {} as Record<string, number>, queued: {} as Record<string, number> };
      const now = () => performance.timeOrigin + performance.now();
      type Listener<A extends unknown[]> = { addListener(listener: (...args: A) => unknown): void };
      type Message = { name?: string; payload?: { id?: string }; event?: { id?: string } };
      const api = (
        globalThis as unknown as {
          chrome: {
            runtime: { onMessage: Listener<[Message]> };
            storage: { onChanged: Listener<[Record<string, { oldValue?: unknown }>, string]> };
          };
        }
      ).chrome;
      Reflect.set(globalThis, '__benchMarks', marks);
      api.runtime.onMessage.addListener((message) => {
        const id =
          message?.name === 'event.submit'
            ? message.payload?.id
            : message?.name === 'baseline.save'
              ? message.event?.id
              : undefined;
        if (id) marks.received[id] ??= now();
        return undefined;
      });
      api.storage.onChanged.addListener((changes, area) => {
        if (area !== 'local') return;
        for (const [key, change] of Object.entries(changes)) {
          if (key.startsWith('outbox:') && change.oldValue === undefined)
            marks.queued[key.slice('outbox:'.length)] ??= now();
        }
      });
    });
    return new WorkerMarks(
      worker,
      await measureClockOffset(() => worker.evaluate(() => performance.timeOrigin + performance.now())),
    );
  }

  /** The marks of one event, on Node's clock. */
  async of(id: string): Promise<{ received: number; queued: number } | undefined> {
    const marks = await this.worker.evaluate((id) => {
      const all = Reflect.get(globalThis, '__benchMarks') as {
        received: Record<string, number>;
        queued: Record<string, number>;
      };
      return { received: all.received[id], queued: all.queued[id] };
    }, id);
    if (marks.received === undefined || marks.queued === undefined) return undefined;
    return { received: marks.received - this.clock.offsetMs, queued: marks.queued - this.clock.offsetMs };
  }
}

function phases(commit: Commit, startedAt: number): SavePhases {
  return {
    total: commit.storedAt - startedAt,
    toRequest: commit.receivedAt - startedAt,
    atPlatform: commit.storedAt - commit.receivedAt,
  };
}

/** The floor: the same POST, made with fetch from an extension page, with a token of its own. */
export class FloorPoster {
  private constructor(
    private readonly page: Page,
    private readonly clock: ClockOffset,
    private readonly apiUrl: string,
    private readonly token: string,
  ) {}

  /** Opens the baseline extension's empty page for it (see FLOOR_PAGE) and signs in there. */
  static async open(session: BenchSession): Promise<FloorPoster> {
    const apiUrl = session.sandbox.url;
    const page = await session.extension.context.newPage();
    await page.goto(`chrome-extension://${new URL((await baselineWorker(session)).url()).host}/${FLOOR_PAGE}`);
    const token = await page.evaluate(async (url) => {
      const response = await fetch(`${url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ email: 'demo@tracker.test', password: 'demo-password' }),
      });
      return ((await response.json()) as { accessToken: string }).accessToken;
    }, apiUrl);
    return new FloorPoster(page, await measureClockOffset(() => page.evaluate(PAGE_CLOCK)), apiUrl, token);
  }

  async post(session: BenchSession): Promise<SavePhases> {
    const event = {
      id: randomUUID(),
      type: 'redeposit',
      contact: CONTACT,
      amount: AMOUNT,
      currency: 'USD',
      occurredAt: new Date().toISOString(),
    };
    const stored = session.commits.next((commit) => commit.id === event.id, COMMIT_TIMEOUT_MS);
    const startedAt = await this.page.evaluate(
      async ({ url, token, event }) => {
        const started = performance.timeOrigin + performance.now();
        const response = await fetch(`${url}/api/v1/events`, {
          method: 'POST',
          headers: {
            accept: 'application/json',
            'content-type': 'application/json',
            authorization: `Bearer ${token}`,
            'idempotency-key': event.id,
          },
          body: JSON.stringify(event),
        });
        await response.text();
        return started;
      },
      { url: this.apiUrl, token: this.token, event },
    );
    const commit = await stored;
    if (commit.status !== 201) throw new Error(`The platform answered ${commit.status} to the floor's POST`);
    return phases(commit, startedAt - this.clock.offsetMs);
  }
}

async function baselineWorker(session: BenchSession): Promise<Worker> {
  const { context } = session.extension;
  const isBaseline = (worker: Worker) => isBaselineWorker(worker.url());
  return (
    context.serviceWorkers().find(isBaseline) ??
    (await context.waitForEvent('serviceworker', { predicate: isBaseline, timeout: 15_000 }))
  );
}

/**
 * Signs the baseline extension in: its worker reads the platform's URL and a token of its own from storage.local.
 * Returns its worker.
 */
async function signInBaseline(session: BenchSession): Promise<Worker> {
  const apiUrl = session.sandbox.url;
  const response = await fetch(`${apiUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ email: 'demo@tracker.test', password: 'demo-password' }),
  });
  const { accessToken } = (await response.json()) as { accessToken: string };
  const worker = await baselineWorker(session);
  await worker.evaluate(
    (platform) =>
      (
        globalThis as unknown as { chrome: { storage: { local: { set(items: object): Promise<void> } } } }
      ).chrome.storage.local.set({ platform }),
    { apiUrl, token: accessToken },
  );
  return worker;
}

export interface SaveRun {
  saves: SavePhases[];
  /** The baseline extension's Saves, each right after one of ours. */
  baselines: SavePhases[];
  floors: SavePhases[];
  steps: SaveSteps[];
  /** The same steps of the baseline extension's Saves. */
  baselineSteps: SaveSteps[];
  clockUncertaintyMs: number;
}

/**
 * Save → stored, the baseline extension's Save and the floor, in turn, `count` times each, after one round of Saves
 * not counted (each worker's first Save reads what it keeps in storage).
 */
export async function measureSaves(
  session: BenchSession,
  chat: SavingChat,
  floor: FloorPoster,
  count: number,
): Promise<SaveRun> {
  const saves: SavePhases[] = [];
  const baselines: SavePhases[] = [];
  const floors: SavePhases[] = [];
  const steps: SaveSteps[] = [];
  const baselineSteps: SaveSteps[] = [];
  // The floor's page opened after the chat: a tab in the background gets its input late and no animation frames.
  await chat.page.bringToFront();
  const marks = await WorkerMarks.install(await backgroundWorker(session.extension.context));
  const baselineMarks = await WorkerMarks.install(await signInBaseline(session));
  await chat.fillForm();
  await chat.save(session);
  await chat.baselineSave(session);
  await pause(BETWEEN_SAVES_MS);
  for (let index = 0; index < count; index += 1) {
    await chat.fillForm();
    // As before the baseline's Save: a manager's hand moves from Amount to Save in longer than this.
    await pause(BETWEEN_SAVES_MS);
    const { commit, clickedAt } = await chat.save(session);
    saves.push(phases(commit, clickedAt));
    await recordSteps(steps, marks, commit, clickedAt);
    await pause(BETWEEN_SAVES_MS);
    const baseline = await chat.baselineSave(session);
    baselines.push(phases(baseline.commit, baseline.clickedAt));
    await recordSteps(baselineSteps, baselineMarks, baseline.commit, baseline.clickedAt);
    await pause(BETWEEN_SAVES_MS);
    floors.push(await floor.post(session));
    await pause(BETWEEN_SAVES_MS);
  }
  return { saves, baselines, floors, steps, baselineSteps, clockUncertaintyMs: chat.clockUncertaintyMs };
}

/** Adds a Save's steps, when its worker marked both of its own. */
async function recordSteps(steps: SaveSteps[], marks: WorkerMarks, commit: Commit, clickedAt: number): Promise<void> {
  const mark = await marks.of(commit.id);
  if (!mark) return;
  steps.push({
    clickToWorker: mark.received - clickedAt,
    workerToQueued: mark.queued - mark.received,
    queuedToRequest: commit.receivedAt - mark.queued,
    atPlatform: commit.storedAt - commit.receivedAt,
  });
}

/**
 * Save → stored with the service worker stopped just before each Save (the browser stops it whenever it is idle
 * for 30 s). Each click is made only once the protocol reports the worker stopped and still stopped after a pause.
 */
export async function measureColdSaves(session: BenchSession, chat: SavingChat, count: number): Promise<SavePhases[]> {
  const saves: SavePhases[] = [];
  const worker = await WorkerControl.open(session.extension.context, session.extension.extensionId);
  // A tab in the background gets its timers and animation frames throttled: the chat goes back in front.
  await chat.page.bringToFront();
  try {
    for (let index = 0; index < count; index += 1) {
      await chat.fillForm();
      await worker.stop();
      await pause(BETWEEN_SAVES_MS);
      if (worker.running) throw new Error('Something started the service worker again before the Save');
      const { commit, clickedAt } = await chat.save(session);
      saves.push(phases(commit, clickedAt));
      await pause(BETWEEN_SAVES_MS);
    }
  } finally {
    await worker.close();
  }
  return saves;
}
