import type { Kysely } from 'kysely';
import type { LoginLimiter } from './auth/login-limiter';
import type { OperatorStore } from './auth/operators';
import type { SessionStore } from './auth/sessions';
import type { Tables } from './db/tables';
import type { DestinationStore } from './destinations/store';
import type { TrackerStore } from './events/store';

/** What the routes share: the database and the stores over it. */
export interface ServerContext {
  db: Kysely<Tables>;
  operators: OperatorStore;
  sessions: SessionStore;
  tracker: TrackerStore;
  loginLimiter: LoginLimiter;
  destinations: DestinationStore;
  /**
   * Tells the delivery worker to read the queue now. Whatever gives a contact a click id (the links intake, the
   * tracker-data PUT, demo data) calls it, so the contact's held deliveries go at once; a no-op without a worker.
   */
  wakeDeliveries(): void;
}
