import { z } from 'zod/mini';

/** Requests per route key ("POST /api/v1/events") and how they were answered ("201", "503", "dropped"). */
export const statsSchema = z.record(
  z.string(),
  z.object({ requests: z.int(), statuses: z.record(z.string(), z.int()) }),
);
export type Stats = z.infer<typeof statsSchema>;

export interface StatsRecorder {
  request(routeKey: string): void;
  answered(routeKey: string, status: number | 'dropped'): void;
  snapshot(): Stats;
  reset(): void;
}

export function createStats(): StatsRecorder {
  let stats: Stats = {};
  const entry = (routeKey: string) => (stats[routeKey] ??= { requests: 0, statuses: {} });
  return {
    request(routeKey) {
      entry(routeKey).requests += 1;
    },
    answered(routeKey, status) {
      const statuses = entry(routeKey).statuses;
      statuses[String(status)] = (statuses[String(status)] ?? 0) + 1;
    },
    snapshot: () => structuredClone(stats),
    reset() {
      stats = {};
    },
  };
}
