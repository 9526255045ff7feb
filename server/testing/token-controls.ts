import type { SessionStore } from '../auth/sessions';
import type { Database } from '../db/open';
import type { TokenControls } from './faults';

/**
 * On SQLite the token faults run synchronously on the connection itself, so a test that calls
 * `faults.expireAccessTokens()` and at once makes a request sees them applied; on PostgreSQL they go through the
 * session store and `faults.apply` resolves when they did.
 */
export function tokenControls(database: Database, sessions: SessionStore): TokenControls {
  const { sqlite } = database;
  if (!sqlite) return sessions;
  return {
    expireAccessTokens: () => void sqlite.prepare('UPDATE access_tokens SET expires_at = 0').run(),
    revokeRefreshTokens: () =>
      void sqlite.prepare('UPDATE refresh_tokens SET revoked_at = ? WHERE revoked_at IS NULL').run(Date.now()),
  };
}
