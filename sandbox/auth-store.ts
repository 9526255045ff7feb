import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Operator, Session } from '../lib/schemas/api';
import type { Row, SandboxDb } from './db';
import { hashPassword, passwordMatches } from './passwords';

const REFRESH_TOKEN_TTL_MS = 30 * 24 * 60 * 60 * 1000;

export type AccessCheck = { ok: true; operator: Operator } | { ok: false; code: 'token_expired' | 'unauthorized' };

export interface AuthStore {
  addOperator(operator: Operator, password: string): void;
  operatorByCredentials(email: string, password: string): Operator | undefined;
  startSession(operator: Operator): Session;
  /**
   * Spends the refresh token and answers a new session, or undefined when it is not live. A spent token still works
   * for `refreshGraceSeconds` after it was first spent: the answer that carried its successor may have been lost.
   */
  refresh(refreshToken: string): Session | undefined;
  /** Ends the session that either token belongs to; unknown tokens are ignored. */
  endSession(tokens: { refreshToken?: string; accessToken?: string }): void;
  checkAccess(accessToken: string): AccessCheck;
  expireAccessTokens(): void;
  revokeRefreshTokens(): void;
}

/** Tokens are random and stored only as hashes: a copied data file opens no session. */
function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function newToken(): string {
  return randomBytes(32).toString('base64url');
}

function toOperator(row: Row): Operator {
  return { id: String(row.id), name: String(row.name), email: String(row.email) };
}

export function createAuthStore(db: SandboxDb, accessTokenTtlSeconds: number, refreshGraceSeconds = 0): AuthStore {
  const operatorById = (id: string) => {
    const row = db.get('SELECT id, name, email FROM operators WHERE id = ?', [id]);
    return row && toOperator(row);
  };

  const issue = (operator: Operator, sessionId: string): Session => {
    const accessToken = newToken();
    const refreshToken = newToken();
    const now = Date.now();
    db.run('INSERT INTO access_tokens (token_hash, session_id, operator_id, expires_at) VALUES (?, ?, ?, ?)', [
      tokenHash(accessToken), sessionId, operator.id, now + accessTokenTtlSeconds * 1000,
    ]);
    db.run('INSERT INTO refresh_tokens (token_hash, session_id, operator_id, expires_at) VALUES (?, ?, ?, ?)', [
      tokenHash(refreshToken), sessionId, operator.id, now + REFRESH_TOKEN_TTL_MS,
    ]);
    return { accessToken, refreshToken, expiresIn: accessTokenTtlSeconds, operator };
  };

  return {
    addOperator(operator, password) {
      db.run('INSERT INTO operators (id, email, name, password_hash) VALUES (?, ?, ?, ?)', [
        operator.id, operator.email.toLowerCase(), operator.name, hashPassword(password),
      ]);
    },

    operatorByCredentials(email, password) {
      const row = db.get('SELECT id, name, email, password_hash FROM operators WHERE email = ?', [email.toLowerCase()]);
      return row && passwordMatches(password, String(row.password_hash)) ? toOperator(row) : undefined;
    },

    startSession(operator) {
      return db.transaction(() => issue(operator, randomUUID()));
    },

    refresh(refreshToken) {
      return db.transaction(() => {
        const now = Date.now();
        const row = db.get(
          `SELECT session_id, operator_id FROM refresh_tokens
           WHERE token_hash = ? AND (used_at IS NULL OR used_at > ?) AND revoked_at IS NULL AND expires_at > ?`,
          [tokenHash(refreshToken), now - refreshGraceSeconds * 1000, now],
        );
        const operator = row && operatorById(String(row.operator_id));
        if (!row || !operator) return undefined;
        // The grace runs from the first use: using the token again within it does not stretch it.
        db.run('UPDATE refresh_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL', [now, tokenHash(refreshToken)]);
        return issue(operator, String(row.session_id));
      });
    },

    endSession({ refreshToken, accessToken }) {
      const hashes = [refreshToken, accessToken].filter((token) => token !== undefined).map(tokenHash);
      if (hashes.length === 0) return;
      db.transaction(() => {
        for (const hash of hashes) {
          const row =
            db.get('SELECT session_id FROM refresh_tokens WHERE token_hash = ?', [hash]) ??
            db.get('SELECT session_id FROM access_tokens WHERE token_hash = ?', [hash]);
          if (!row) continue;
          db.run('DELETE FROM refresh_tokens WHERE session_id = ?', [row.session_id ?? null]);
          db.run('DELETE FROM access_tokens WHERE session_id = ?', [row.session_id ?? null]);
        }
      });
    },

    checkAccess(accessToken) {
      const row = db.get('SELECT operator_id, expires_at FROM access_tokens WHERE token_hash = ?', [tokenHash(accessToken)]);
      const operator = row && operatorById(String(row.operator_id));
      if (!row || !operator) return { ok: false, code: 'unauthorized' };
      if (Number(row.expires_at) <= Date.now()) return { ok: false, code: 'token_expired' };
      return { ok: true, operator };
    },

    expireAccessTokens() {
      db.transaction(() => db.run('UPDATE access_tokens SET expires_at = 0'));
    },

    revokeRefreshTokens() {
      db.transaction(() => db.run('UPDATE refresh_tokens SET revoked_at = ? WHERE revoked_at IS NULL', [Date.now()]));
    },
  };
}
