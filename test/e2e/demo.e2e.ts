import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium, expect, test, type BrowserContext, type Page } from '@playwright/test';
import { backgroundWorker } from './support/extension';
import { openChat, openPanel, sendEvent, setApiUrl, signIn } from './support/manager';

/**
 * What the README's "Run it" tells a newcomer: `npm start`, sign in, open Anna Petrova's chat, press Tracker Data, log a
 * deposit. The test runs that very command (under a virtual display where there is none), drives the browser it opened
 * through the DevTools port it was asked to open, and asks the platform what it stored.
 */
test('npm start opens Chromium on the demo chat, where Tracker Data logs a deposit the platform stores', async () => {
  test.setTimeout(180_000);
  const demo = startNpmStart();
  try {
    const sandboxUrl = await demo.printed(/^Tracker API sandbox: (\S+)$/);
    const devtools = await demo.printed(/^DevTools listening on (ws:\S+)$/);
    const browser = await chromium.connectOverCDP(devtools);
    const context = browser.contexts()[0]!;
    const page = await demoChat(context);

    await openChat(page, 'Anna Petrova');
    await expect(page.getByRole('button', { name: 'Tracker Data' })).toBeVisible();

    const extensionId = new URL((await backgroundWorker(context)).url()).host;
    const extension = { context, extensionId, userDataDir: '' };
    // The build's default API URL is the sandbox's default port; this run's sandbox took a free one (PORT=0).
    await setApiUrl(extension, sandboxUrl);
    await signIn(extension);
    await openPanel(page);
    const panel = page.getByRole('complementary', { name: 'Tracker Data' });
    await expect(panel.getByText('clk_7f3a9c')).toBeVisible();
    // Styled, as the manager sees it: a panel floating over the chat, not bare markup at the end of the page.
    await expect(panel).toHaveCSS('position', 'fixed');
    await sendEvent(page, { type: 'Deposit', amount: '150', currency: 'USD' });
    await expect(panel.getByRole('status')).toContainText('Sent');

    expect(await depositsOfAnna(sandboxUrl)).toEqual([{ amount: '150', currency: 'USD' }]);
    await browser.close();

    // Ctrl+C, as the README says, ends the browser, the platform and everything else npm start started.
    await demo.interrupt();
    await expect(fetch(`${sandboxUrl}/api/v1/contacts/telegram/777001`)).rejects.toThrow();
  } finally {
    await demo.kill();
  }
});

interface RunningDemo {
  printed(line: RegExp): Promise<string>;
  interrupt(): Promise<void>;
  kill(): Promise<void>;
}

/**
 * `npm start` in its own process group, as a terminal runs it, so Ctrl+C reaches every process it started; on free
 * ports, with throwaway data and its own build folder (other test runs may build into .output meanwhile).
 */
function startNpmStart(): RunningDemo {
  const buildDir = mkdtempSync(join(tmpdir(), 'tracker-data-npm-start-'));
  const [command, args] = process.env.DISPLAY ? ['npm', ['start']] : ['xvfb-run', ['-a', 'npm', 'start']];
  const child = spawn(command, args as string[], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PORT: '0',
      REMOTE_DEBUGGING_PORT: '0',
      SANDBOX_DATA: ':memory:',
      TRACKER_OUT_DIR: buildDir,
    },
  });
  const output: string[] = [];
  const waiting = new Set<() => void>();
  for (const stream of [child.stdout!, child.stderr!]) {
    createInterface({ input: stream }).on('line', (line) => {
      output.push(line);
      for (const check of waiting) check();
    });
  }
  const exited = new Promise<void>((done) => {
    child.once('exit', () => done());
    // A machine without a display needs Xvfb (Debian: apt-get install xvfb); spawning a missing xvfb-run fails here.
    child.once('error', (error) => {
      output.push(`${command}: ${error.message}`);
      done();
    });
  });
  return {
    printed: (pattern) =>
      new Promise((done, fail) => {
        const check = () => {
          const match = output.map((line) => pattern.exec(line)).find(Boolean);
          if (!match) return;
          waiting.delete(check);
          done(match[1]!);
        };
        waiting.add(check);
        check();
        void exited.then(() => fail(new Error(`npm start ended before printing ${pattern}:\n${output.join('\n')}`)));
      }),
    interrupt: async () => {
      signalGroup(child, 'SIGINT');
      await expect
        .poll(() => groupIsAlive(child), { timeout: 20_000, message: 'every process of npm start ends' })
        .toBe(false);
    },
    kill: async () => {
      signalGroup(child, 'SIGKILL');
      await exited;
      rmSync(buildDir, { recursive: true, force: true });
    },
  };
}

function groupIsAlive(child: ChildProcess): boolean {
  try {
    process.kill(-child.pid!, 0);
    return true;
  } catch {
    return false;
  }
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // The group has ended already.
  }
}

async function demoChat(context: BrowserContext): Promise<Page> {
  const isDemo = (page: Page) => page.url().includes('/demo/web.telegram.org/k/');
  const open = context.pages().find(isDemo);
  if (open) return open;
  return context.waitForEvent('page', { predicate: isDemo });
}

/** What the platform has for Anna, asked through its API as any client would. */
async function depositsOfAnna(sandboxUrl: string): Promise<Array<{ amount?: string; currency?: string }>> {
  const login = await fetch(`${sandboxUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: 'demo@tracker.test', password: 'demo-password' }),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const answer = await fetch(`${sandboxUrl}/api/v1/contacts/telegram/777001`, {
    headers: { Authorization: `Bearer ${accessToken}` },
  });
  const { events } = (await answer.json()) as { events: Array<{ type: string; amount?: string; currency?: string }> };
  return events.filter((event) => event.type === 'deposit').map(({ amount, currency }) => ({ amount, currency }));
}
