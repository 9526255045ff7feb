import { readFileSync } from 'node:fs';

/** Linux's USER_HZ: /proc reports CPU time in ticks of 10 ms on every architecture Node runs on. */
const MS_PER_TICK = 10;

/**
 * CPU time (user + system, ms) a process has used so far, from /proc/<pid>/stat; undefined where there is no /proc.
 * Unlike wall time, it hardly moves when other work shares the cores, so it shows what the process itself costs.
 */
export function processCpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces; utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK;
  } catch {
    return undefined;
  }
}
