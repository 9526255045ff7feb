import type { BrowserContext, CDPSession, Page } from '@playwright/test';

interface WorkerVersion {
  scriptURL: string;
  runningStatus: 'stopped' | 'starting' | 'running' | 'stopping';
}

/**
 * Stops the extension's service worker through the DevTools protocol and knows, from the protocol's own version
 * events, whether it is running. The harness's stopServiceWorkers opens and closes a tab to do this, and closing a tab
 * fires tabs.onRemoved, which the background listens to: Chrome starts the worker again at once, so a "cold" Save
 * measured after it found a warm worker. Here one helper tab stays open for the whole phase.
 */
export class WorkerControl {
  private status: WorkerVersion['runningStatus'] | undefined;
  private readonly changes = new Set<() => void>();

  private constructor(
    private readonly page: Page,
    private readonly cdp: CDPSession,
  ) {}

  static async open(context: BrowserContext, extensionId: string): Promise<WorkerControl> {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const control = new WorkerControl(page, cdp);
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }: { versions: WorkerVersion[] }) => {
      const ours = versions.filter((version) => version.scriptURL.startsWith(`chrome-extension://${extensionId}/`));
      if (!ours.length) return;
      control.status = ours.some((version) => version.runningStatus !== 'stopped') ? 'running' : 'stopped';
      control.changes.forEach((notify) => notify());
    });
    await cdp.send('ServiceWorker.enable');
    return control;
  }

  get running(): boolean {
    return this.status !== 'stopped';
  }

  private until(test: () => boolean, timeoutMs: number): Promise<void> {
    if (test()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.changes.delete(check);
        reject(new Error(`The service worker did not change state within ${timeoutMs} ms`));
      }, timeoutMs);
      const check = () => {
        if (!test()) return;
        clearTimeout(timer);
        this.changes.delete(check);
        resolve();
      };
      this.changes.add(check);
    });
  }

  /** Stops the worker and resolves once the protocol reports it stopped. */
  async stop(): Promise<void> {
    await this.cdp.send('ServiceWorker.stopAllWorkers');
    await this.until(() => !this.running, 10_000);
  }

  async close(): Promise<void> {
    await this.cdp.detach();
    await this.page.close();
  }
}
