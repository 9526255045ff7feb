import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base } from '@playwright/test';
import { startSandbox, type Sandbox } from '../../../sandbox/server';
import { serveChatSite } from './chat-sites';
import { launchWithExtension, type LoadedExtension } from './extension';

// No Content-Security-Policy: Telegram K declares none (morethanwords/tweb: no CSP meta in index.html or the built public/index.html, no header in server.js).
export const TELEGRAM_K = { baseUrl: 'https://web.telegram.org/k/', dir: 'test/fixtures/telegram-k/app' };

/** The sandbox on loopback over one data file, so a test can take the platform down and bring it back. */
export class SandboxHost {
  private running: Sandbox | undefined;
  readonly dataFile = join(mkdtempSync(join(tmpdir(), 'tracker-data-sandbox-')), 'tracker.sqlite');
  port = 0;
  /** The team's first-message pattern the platform gives the extension, from the next start on. */
  firstMessagePattern: string | undefined;

  get sandbox(): Sandbox {
    if (!this.running) throw new Error('The sandbox is stopped');
    return this.running;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<Sandbox> {
    this.running = await startSandbox({
      port: this.port,
      dataFile: this.dataFile,
      controls: true,
      ...(this.firstMessagePattern === undefined ? {} : { firstMessagePattern: this.firstMessagePattern }),
    });
    this.port = this.running.port;
    return this.running;
  }

  async stop(): Promise<void> {
    await this.running?.close();
    this.running = undefined;
  }
}

export const test = base.extend<{ sandboxHost: SandboxHost; extension: LoadedExtension }>({
  sandboxHost: async ({}, use) => {
    const host = new SandboxHost();
    await host.start();
    await use(host);
    await host.stop();
  },
  extension: async ({}, use) => {
    const extension = await launchWithExtension();
    await serveChatSite(extension.context, TELEGRAM_K);
    await use(extension);
    await extension.context.close();
  },
});

export { expect } from '@playwright/test';
