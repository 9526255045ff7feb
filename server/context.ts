import type { Kysely } from 'kysely';
import type { LoginLimiter } from './auth/login-limiter';
import type { OperatorStore } from './auth/operators';
import type { SessionStore } from './auth/sessions';
import type { Tables } from './db/tables';
import type { TrackerStore } from './events/store';

/** What the routes share: the database and the stores over it. */
export interface ServerContext {
  db: Kysely<Tables>;
  operators: OperatorStore;
  sessions: SessionStore;
  tracker: TrackerStore;
  loginLimiter: LoginLimiter;
}
