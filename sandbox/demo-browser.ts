/**
 * The browser half of `npm start`: the development build of the extension (the only build whose content script also
 * matches the demo pages on loopback) and Chromium opened on the demo chat with it loaded.
 *
 * Why not WXT's dev runner (`wxt`): in dev mode WXT registers content scripts at run time from each entrypoint's own
 * `matches`, so the demo pages that wxt.config.ts adds to the manifest never apply and the demo chat shows no Tracker
 * Data button. A static build loaded with --load-extension uses the manifest as written.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface DemoBrowser {
  /** Resolves with Chromium's exit code when its window is closed or it ends otherwise. */
  exited: Promise<number | null>;
  /** Closes Chromium and removes its throwaway profile. */
  close(): Promise<void>;
}

/** Where WXT puts a development build: next to the production one, so the two never overwrite each other. */
const DEV_BUILD_DIR = resolve(process.env.TRACKER_OUT_DIR ?? '.output', 'chrome-mv3-dev');
const SHOWN_ON_FAILURE = 30;

/** Chromium needs a screen; without one it fails with an X11 error a newcomer cannot act on. */
export function assertDisplay(): void {
  if (process.platform !== 'linux' || process.env.DISPLAY || process.env.WAYLAND_DISPLAY) return;
  throw new Error(
    'npm start opens Chromium, and this session has no display. Run it in a desktop session, or under a virtual one: xvfb-run -a npm start',
  );
}

export function buildDemoExtension(): Promise<string> {
  return new Promise((done, fail) => {
    const build = spawn('npx', ['wxt', 'build', '--mode', 'development'], { stdio: 'inherit' });
    build.once('error', fail);
    build.once('exit', (code) => {
      if (code === 0 && existsSync(join(DEV_BUILD_DIR, 'manifest.json'))) done(DEV_BUILD_DIR);
      else
        fail(
          new Error(
            `Building the extension failed (wxt build --mode development exited with ${code}); see its output above.`,
          ),
        );
    });
  });
}

/**
 * Opens Chromium on a fresh profile with the extension loaded. REMOTE_DEBUGGING_PORT (0: any free port) lets a test
 * drive this browser; the DevTools URL is printed as "DevTools listening on ws://…".
 */
export function openDemoBrowser(chromium: string, extensionDir: string, startUrl: string): DemoBrowser {
  const profile = mkdtempSync(join(tmpdir(), 'tracker-data-demo-profile-'));
  const debuggingPort = process.env.REMOTE_DEBUGGING_PORT;
  const args = [
    `--user-data-dir=${profile}`,
    `--load-extension=${extensionDir}`,
    `--disable-extensions-except=${extensionDir}`,
    // Chromium 137+ ignores --load-extension unless this feature is off (branded Chrome ignores it either way).
    '--disable-features=DisableLoadExtensionCommandLineSwitch',
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-search-engine-choice-screen',
    // Chromium refuses to start as root with its sandbox on (containers, CI machines).
    ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    ...(debuggingPort === undefined ? [] : [`--remote-debugging-port=${debuggingPort}`]),
    startUrl,
  ];
  const browser = spawn(chromium, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const recentErrors = keepLastLines(browser, SHOWN_ON_FAILURE);
  const exited = new Promise<number | null>((done) => {
    browser.once('exit', (code) => {
      if (code)
        process.stderr.write(`Chromium exited with code ${code}. Its last messages:\n${recentErrors().join('\n')}\n`);
      // Chromium's helper processes outlive the main one by a moment and may still write to the profile.
      void rm(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 })
        .catch((error: unknown) =>
          process.stderr.write(`Could not remove the demo browser's profile ${profile}: ${String(error)}\n`),
        )
        .then(() => done(code));
    });
  });
  return {
    exited,
    close: async () => {
      if (browser.exitCode === null && browser.signalCode === null) browser.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * Chromium's stderr is noise while it works (D-Bus, GPU), so only the DevTools line is passed on; the rest is kept to
 * explain a failure.
 */
function keepLastLines(browser: ChildProcess, count: number): () => string[] {
  const lines: string[] = [];
  let partial = '';
  browser.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop() ?? '';
    for (const line of parts) {
      if (line.startsWith('DevTools listening on ')) process.stdout.write(`${line}\n`);
      lines.push(line);
    }
    lines.splice(0, Math.max(0, lines.length - count));
  });
  return () => lines;
}
