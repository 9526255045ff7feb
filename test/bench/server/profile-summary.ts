import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CpuProfile } from '../support/profile';

/**
 * Where a target's process spent its CPU, by component: each sample goes to the innermost frame on its stack that is
 * a package or the project's own code, so what Node does on their behalf (crypto for a token hash, a socket write for
 * a driver) counts for them. V8's own buckets ("(garbage collector)", "(program)") stand alone; idle is left out.
 */
export function timeByComponent(profile: CpuProfile): Record<string, number> {
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const componentOf = new Map<number, string>();
  const resolve = (id: number): string => {
    const known = componentOf.get(id);
    if (known) return known;
    const frame = byId.get(id)!.callFrame;
    let component = componentOfUrl(frame.url);
    if (!component) {
      const up = parent.get(id);
      component = up === undefined || frame.functionName.startsWith('(') ? frame.functionName || 'node' : resolve(up);
      if (component === '(root)') component = 'node';
    }
    componentOf.set(id, component);
    return component;
  };
  const totals: Record<string, number> = {};
  profile.samples.forEach((id, index) => {
    const component = resolve(id);
    if (component === '(idle)') return;
    totals[component] = (totals[component] ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000;
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

/** Reads the profiles a process wrote with --cpu-prof into `dir` and adds them up by component, largest first. */
export function summarizeProfiles(dir: string): Array<[component: string, ms: number]> {
  const totals: Record<string, number> = {};
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.cpuprofile'))) {
    const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
    for (const [component, ms] of Object.entries(timeByComponent(profile))) totals[component] = (totals[component] ?? 0) + ms;
  }
  return Object.entries(totals).sort((a, b) => b[1] - a[1]);
}
