import type { BrowserContext, CDPSession, Page } from '@playwright/test';
import { backgroundWorker } from './support/extension';

/** The session's two secrets as the background holds them: storage.session and the extension origin's IndexedDB. */
export async function backgroundTokens(context: BrowserContext): Promise<{ access: string; refresh: string }> {
  const worker = await backgroundWorker(context);
  return worker.evaluate(async () => {
    const chromeApi = (
      globalThis as unknown as {
        chrome: { storage: { session: { get(key: string): Promise<Record<string, { token?: string }>> } } };
      }
    ).chrome;
    const access = (await chromeApi.storage.session.get('accessToken')).accessToken?.token ?? '';
    const refresh = await new Promise<string>((resolve, reject) => {
      const opening = indexedDB.open('tracker-data-secrets');
      opening.onerror = () => reject(opening.error);
      opening.onsuccess = () => {
        const reading = opening.result.transaction('secrets').objectStore('secrets').get('refreshToken');
        reading.onerror = () => reject(reading.error);
        reading.onsuccess = () => resolve(typeof reading.result === 'string' ? reading.result : '');
      };
    });
    return { access, refresh };
  });
}

/**
 * The content script's isolated world, reached through the DevTools protocol (Playwright evaluates only in the page's
 * main world): what runs here sees exactly what our content script sees.
 */
export class ContentScriptWorld {
  private constructor(
    private readonly cdp: CDPSession,
    private readonly contextId: number,
  ) {}

  static async attach(page: Page, extensionId: string): Promise<ContentScriptWorld> {
    const cdp = await page.context().newCDPSession(page);
    const found: { id: number; origin: string; auxData?: { type?: string } }[] = [];
    cdp.on('Runtime.executionContextCreated', ({ context }) => found.push(context));
    await cdp.send('Runtime.enable');
    const deadline = Date.now() + 10_000;
    for (;;) {
      const world = found.find(
        (context) => context.auxData?.type === 'isolated' && context.origin === `chrome-extension://${extensionId}`,
      );
      if (world) return new ContentScriptWorld(cdp, world.id);
      if (Date.now() > deadline) throw new Error('The content script’s world did not appear');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Runs an expression (awaited) in the content script's world and returns its JSON value. */
  async evaluate<T>(expression: string): Promise<T> {
    const { result, exceptionDetails } = await this.cdp.send('Runtime.evaluate', {
      expression,
      contextId: this.contextId,
      awaitPromise: true,
      returnByValue: true,
    });
    if (exceptionDetails)
      throw new Error(
        `In the content script's world: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`,
      );
    return result.value as T;
  }

  /** From now on, keeps every reply our content script gets to its messages and every message pushed to it. */
  async recordMessages(): Promise<void> {
    await this.evaluate(`(() => {
      const log = (globalThis.__trackerHeard = { replies: [], pushed: [] });
      chrome.runtime.onMessage.addListener((message) => { log.pushed.push(message); });
      const original = chrome.runtime.sendMessage;
      chrome.runtime.sendMessage = function (...args) {
        const last = args[args.length - 1];
        if (typeof last === 'function') {
          args[args.length - 1] = (reply) => { log.replies.push(reply); return last(reply); };
          return original.apply(this, args);
        }
        const answer = original.apply(this, args);
        return answer && typeof answer.then === 'function' ? answer.then((reply) => { log.replies.push(reply); return reply; }) : answer;
      };
      return true;
    })()`);
  }

  heard(): Promise<{ replies: unknown[]; pushed: unknown[] }> {
    return this.evaluate('globalThis.__trackerHeard');
  }

  async detach(): Promise<void> {
    await this.cdp.detach();
  }
}
