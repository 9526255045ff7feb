/** What the chaos run does to the extension and the platform besides the random faults, and before which event. */
export type Disruption = 'stopWorker' | 'platformDown' | 'platformUp' | 'restartBrowser';

/**
 * Where the disruptions fall among `count` saves: three service-worker stops (one while the platform is down), two
 * outages of a few saves each, one browser restart, spread so that each lands on a different backlog.
 */
export function disruptionSchedule(count: number): Map<number, Disruption[]> {
  const at = (share: number) => Math.min(count - 1, Math.max(1, Math.round(count * share)));
  const outageLength = Math.max(2, Math.round(count * 0.06));
  const firstOutage = at(0.25);
  const secondOutage = at(0.68);
  const entries: Array<[number, Disruption]> = [
    [at(0.12), 'stopWorker'],
    [firstOutage, 'platformDown'],
    [firstOutage + 1, 'stopWorker'],
    [firstOutage + outageLength, 'platformUp'],
    [at(0.5), 'restartBrowser'],
    [secondOutage, 'platformDown'],
    [secondOutage + outageLength, 'platformUp'],
    [at(0.88), 'stopWorker'],
  ];
  const schedule = new Map<number, Disruption[]>();
  for (const [index, disruption] of entries) schedule.set(index, [...(schedule.get(index) ?? []), disruption]);
  return schedule;
}
