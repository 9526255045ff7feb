/** A V8 CPU profile as the DevTools protocol returns it (Profiler.stop). */
export interface CpuProfile {
  nodes: Array<{
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
    children?: number[];
  }>;
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface HotFunction {
  selfMs: number;
  name: string;
}

/** Self time per function (name, file and position), biggest first: where the profiled thread actually spent its time. */
export function hotFunctions(profile: CpuProfile, top = 25): HotFunction[] {
  const byNode = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<string, number>();
  profile.samples.forEach((id, index) => {
    const frame = byNode.get(id)?.callFrame;
    if (!frame) return;
    const file = frame.url.split('/').pop() ?? '';
    const key = `${frame.functionName || '(anonymous)'} ${file}${file ? `:${frame.lineNumber + 1}:${frame.columnNumber + 1}` : ''}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000);
  });
  return [...self.entries()]
    .map(([name, selfMs]) => ({ name, selfMs }))
    .sort((a, b) => b.selfMs - a.selfMs)
    .slice(0, top);
}

/** Total sampled time by script file ("(program)", "(idle)", "(garbage collector)" stand alone). */
export function timeByFile(profile: CpuProfile): Record<string, number> {
  const byNode = new Map(profile.nodes.map((node) => [node.id, node]));
  const totals: Record<string, number> = {};
  profile.samples.forEach((id, index) => {
    const frame = byNode.get(id)?.callFrame;
    const file = frame?.url ? frame.url.split('/').slice(-2).join('/') : (frame?.functionName ?? '?');
    totals[file] = (totals[file] ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000;
  });
  return totals;
}
