import type { FastifyInstance } from 'fastify';
import type { TrackerEvent } from '../../lib/schemas/api';
import type { ServerContext } from '../context';
import type { Database } from '../db/open';
import { eventFromRow } from '../events/rows';
import type { EventWithContact } from '../events/rows';
import { controlRoutes } from './controls';
import { registerFaultHooks } from './fault-hooks';
import { createFaults } from './faults';
import type { Faults } from './faults';
import { serveStatic } from './static-files';
import type { StaticDir } from './static-files';
import { createStats } from './stats';
import type { StatsRecorder } from './stats';
import { tokenControls } from './token-controls';

export interface TestingOptions {
  /** Also mounts the HTTP controls under /__sandbox/ (the fault hooks are on either way). */
  controls?: boolean;
}

export interface Testing {
  faults: Faults;
  stats: StatsRecorder;
  /** Every stored event, oldest first, read synchronously (SQLite only: in-process tests read it between requests). */
  storedEventsNow(): TrackerEvent[];
}

interface TestingDeps {
  database: Database;
  context: ServerContext;
  signal: AbortSignal;
  testing?: TestingOptions;
  staticDir?: StaticDir;
}

export function registerTesting(app: FastifyInstance, deps: TestingDeps): Testing | undefined {
  const { staticDir } = deps;
  if (staticDir) {
    app.get(`${staticDir.urlPrefix}*`, async (request, reply) => {
      const file = await serveStatic(staticDir, request.url.split('?')[0] ?? '/');
      return reply.code(file.status).headers(file.headers).send(file.body);
    });
  }
  if (!deps.testing) return undefined;
  const faults = createFaults(tokenControls(deps.database, deps.context.sessions));
  const stats = createStats();
  registerFaultHooks(app, faults, stats, deps.signal);
  if (deps.testing.controls) controlRoutes(app, faults, deps.context.tracker, stats);
  const { sqlite } = deps.database;
  return {
    faults,
    stats,
    storedEventsNow() {
      if (!sqlite) throw new Error('storedEventsNow reads SQLite only: use context.tracker.allEvents() on PostgreSQL');
      const rows = sqlite
        .prepare(
          'SELECT events.*, contacts.channel, contacts.external_id FROM events JOIN contacts ON contacts.id = events.contact_id ORDER BY events.rowid',
        )
        .all() as EventWithContact[];
      return rows.map(eventFromRow);
    },
  };
}
