import type { FastifyInstance } from 'fastify';
import { z } from 'zod/mini';
import { trackerEventSchema } from '../../lib/schemas/api';
import type { TrackerStore } from '../events/store';
import { parseBody } from '../http/errors';
import { chaosReportSchema } from './chaos';
import { faultCommandSchema } from './fault-commands';
import type { Faults } from './faults';
import { statsSchema } from './stats';
import type { StatsRecorder } from './stats';

const storedEventsSchema = z.object({ events: z.array(trackerEventSchema) });

/**
 * Test controls under /__sandbox/ (docs in sandbox/README.md), mounted only when `startServer` is asked for them by a
 * test; `npm run server` never mounts them, and then these paths answer 404 like any unknown path.
 */
export function controlRoutes(app: FastifyInstance, faults: Faults, tracker: TrackerStore, stats: StatsRecorder): void {
  app.post('/__sandbox/faults', async (request, reply) => {
    await faults.apply(parseBody(faultCommandSchema, request.body));
    return reply.code(204).send();
  });
  app.post('/__sandbox/reset-faults', async (_request, reply) => {
    await faults.apply({ fault: 'reset' });
    return reply.code(204).send();
  });
  app.get('/__sandbox/events', async () => storedEventsSchema.parse({ events: await tracker.allEvents() }));
  app.get('/__sandbox/chaos', async () => chaosReportSchema.parse(faults.chaosReport()));
  app.get('/__sandbox/stats', async () => statsSchema.parse(stats.snapshot()));
  app.post('/__sandbox/reset-stats', async (_request, reply) => {
    stats.reset();
    return reply.code(204).send();
  });
}
