import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CDPSession } from '@playwright/test';
import { TargetSession } from './cdp-target';
import { hotFunctions, type CpuProfile, type HotFunction } from './profile';

interface Profiled {
  send<T = unknown>(method: string, params?: Record<string, unknown>): Promise<T>;
}

/**
 * BENCH_PROFILE=<dir>: while a phase runs, V8's sampling profiler records the service worker and/or the chat page;
 * each profile is written as <dir>/<phase>-<target>.cpuprofile (DevTools → Performance → Load profile) and its top
 * functions by self time go into the report's details. The profiler costs a few percent: a profiled run is for
 * finding a cause, not for the figures.
 */
export class Profiling {
  readonly tops: Record<string, HotFunction[]> = {};
  private readonly dir: string | undefined;

  constructor(dir: string | undefined) {
    this.dir = dir ? resolve(dir) : undefined;
    if (this.dir) mkdirSync(this.dir, { recursive: true });
  }

  get enabled(): boolean {
    return this.dir !== undefined;
  }

  /** Profiles the extension's service worker (reached through the browser's DevTools port) while `run` runs. */
  async worker<T>(name: string, userDataDir: string, extensionId: string, run: () => Promise<T>): Promise<T> {
    if (!this.dir) return run();
    const session = await TargetSession.connect(
      userDataDir,
      (target) => target.type === 'service_worker' && target.url.startsWith(`chrome-extension://${extensionId}/`),
    );
    try {
      return await this.record(`${name}-worker`, session, run);
    } finally {
      session.close();
    }
  }

  /** Profiles a page (every world in it, the content script's included) while `run` runs. */
  page<T>(name: string, cdp: CDPSession, run: () => Promise<T>): Promise<T> {
    if (!this.dir) return run();
    return this.record(
      `${name}-page`,
      { send: (method, params) => cdp.send(method as 'Profiler.start', params) as never },
      run,
    );
  }

  private async record<T>(name: string, target: Profiled, run: () => Promise<T>): Promise<T> {
    await target.send('Profiler.enable');
    await target.send('Profiler.setSamplingInterval', { interval: 100 });
    await target.send('Profiler.start');
    try {
      return await run();
    } finally {
      const { profile } = await target.send<{ profile: CpuProfile }>('Profiler.stop');
      writeFileSync(join(this.dir!, `${name}.cpuprofile`), JSON.stringify(profile));
      this.tops[name] = hotFunctions(profile, 15).filter((hot) => hot.name !== '(idle) ');
    }
  }
}
