import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CpuProfile } from '../support/profile';

type Node = CpuProfile['nodes'][number];

/**
 * Where a target's process spent its CPU, by component: each sample goes to the innermost frame on its stack that is
 * a package or the project's own code, so what Node does on their behalf (crypto for a token hash, a socket write for
 * a driver) counts for them. A native function a package calls (better-sqlite3's `run`, where the commit and its
 * fsync happen) is named apart, as "<package> → native <name>". V8's own buckets ("(garbage collector)",
 * "(program)") stand alone; idle is left out. Only samples inside `windows` (µs, the profile's clock) count.
 */
export function timeByComponent(
  profile: CpuProfile,
  windows: ReadonlyArray<readonly [number, number]>,
): Record<string, number> {
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const byId = new Map<number, Node>(profile.nodes.map((node) => [node.id, node]));
  const memo = new Map<number, string>();
  const ownerOf = (id: number): string => {
    const known = memo.get(id);
    if (known) return known;
    const frame = byId.get(id)!.callFrame;
    const up = parent.get(id);
    let owner = componentOfUrl(frame.url);
    if (!owner) {
      if (up === undefined || frame.functionName.startsWith('('))
        owner = frame.functionName === '(root)' || !frame.functionName ? 'node' : frame.functionName;
      else {
        const caller = ownerOf(up);
        const native =
          frame.url === '' && frame.functionName && /^(@|[a-z])[\w./@-]*$/.test(caller) && !caller.includes('native');
        owner = native ? `${caller} → native ${frame.functionName}` : caller;
      }
    }
    memo.set(id, owner);
    return owner;
  };
  const totals: Record<string, number> = {};
  let time = profile.startTime;
  profile.samples.forEach((id, index) => {
    const delta = profile.timeDeltas[index] ?? 0;
    time += delta;
    if (!windows.some(([start, end]) => time >= start && time <= end)) return;
    const owner = ownerOf(id);
    if (owner === '(idle)') return;
    totals[owner] = (totals[owner] ?? 0) + delta / 1000;
  });
  return totals;
}

function componentOfUrl(url: string): string | undefined {
  const path = url.replace(/^file:\/\//, '');
  const modules = path.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const [scope = '', name = ''] = path.slice(modules + '/node_modules/'.length).split('/');
    return scope.startsWith('@') ? `${scope}/${name}` : scope;
  }
  const project = /\/(server|lib|test)\/(.*)$/.exec(path);
  if (project) {
    const [, root, rest = ''] = project;
    const folder = rest.includes('/') ? rest.slice(0, rest.indexOf('/')) : rest.replace(/\.[jt]sx?$/, '');
    return `${root}/${folder}`;
  }
  return undefined;
}

/**
 * Reads the profiles a process wrote with --cpu-prof into `dir`, keeps the samples inside `windows` and gives each
 * component's CPU time per event (ms), `events` being the events accepted in those windows; largest first.
 */
export function profilePerEvent(
  dir: string,
  windows: ReadonlyArray<readonly [number, number]>,
  events: number,
): Array<[component: string, msPerEvent: number]> {
  const totals: Record<string, number> = {};
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.cpuprofile'))) {
    const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
    for (const [component, ms] of Object.entries(timeByComponent(profile, windows)))
      totals[component] = (totals[component] ?? 0) + ms;
  }
  return Object.entries(totals)
    .map(([component, ms]): [string, number] => [component, Math.round((ms / events) * 1000) / 1000])
    .sort((a, b) => b[1] - a[1]);
}
