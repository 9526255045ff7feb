import { z } from 'zod/mini';
import { trackerEventSchema } from '../../lib/schemas/api';
import { chaosReportSchema } from '../chaos';
import { faultCommandSchema } from '../fault-commands';
import type { Faults } from '../faults';
import { jsonReply, parseBody } from '../http';
import type { Route } from '../router';
import { statsSchema } from '../stats';
import type { StatsRecorder } from '../stats';
import type { TrackerStore } from '../tracker-store';

const storedEventsSchema = z.object({ events: z.array(trackerEventSchema) });

/** Test controls under /__sandbox/, mounted only with `controls: true`; faults never apply to them. */
export function controlRoutes(faults: Faults, tracker: TrackerStore, stats: StatsRecorder): Route[] {
  return [
    {
      method: 'POST',
      pattern: '/__sandbox/faults',
      handle(request) {
        faults.apply(parseBody(faultCommandSchema, request));
        return { status: 204 };
      },
    },
    {
      method: 'POST',
      pattern: '/__sandbox/reset-faults',
      handle() {
        faults.reset();
        return { status: 204 };
      },
    },
    {
      method: 'GET',
      pattern: '/__sandbox/events',
      handle: () => jsonReply(200, storedEventsSchema, { events: tracker.allEvents() }),
    },
    {
      method: 'GET',
      pattern: '/__sandbox/chaos',
      handle: () => jsonReply(200, chaosReportSchema, faults.chaosReport()),
    },
    {
      method: 'GET',
      pattern: '/__sandbox/stats',
      handle: () => jsonReply(200, statsSchema, stats.snapshot()),
    },
    {
      method: 'POST',
      pattern: '/__sandbox/reset-stats',
      handle() {
        stats.reset();
        return { status: 204 };
      },
    },
  ];
}
