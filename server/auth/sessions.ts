import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { compiledOnce } from '../db/compiled-once';
import type { OperatorRow, Tables } from '../db/tables';
import { newToken, tokenHash } from './tokens';

const REFRESH_TOKEN_TTL_MS = 30 * 24 * 60 * 60 * 1000;

export interface IssuedTokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

export type AccessCheck =
  { ok: true; operator: OperatorRow; sessionId: string } | { ok: false; code: 'token_expired' | 'unauthorized' };

export type RefreshOutcome =
  | { ok: true; operatorId: string; tokens: IssuedTokens }
  /** `reuse` names the family that was revoked because a spent token came back. */
  | { ok: false; reuse?: { sessionId: string; operatorId: string } };

export interface SessionOptions {
  accessTokenTtlSeconds: number;
  /**
   * How long after a refresh token was spent it may be spent again, because the answer carrying its successor may have
   * been lost (a dropped connection, a stopped service worker). Only while that successor is still unused. Each answer
   * within the grace is a successor of its own, and the first of them to be spent ends the others: which one the
   * client kept is told by its use, not by which answer left last (a request held past the client's timeout is
   * handled after the one the client asked again with). Outside this, a spent token coming back means two parties
   * hold the family: all of it is revoked (RFC 9700 §4.14.2).
   */
  refreshGraceSeconds: number;
}

export interface SessionStore {
  start(operatorId: string): Promise<IssuedTokens>;
  /**
   * A console sign-in: a session of its own whose one access token (the cookie's value, kept only hashed) lives for
   * `ttlSeconds` and has no refresh token, so `check`, `end` and `revokeOperator` treat it like any other session.
   */
  startConsole(operatorId: string, ttlSeconds: number): Promise<{ token: string; expiresAt: number }>;
  refresh(refreshToken: string): Promise<RefreshOutcome>;
  /** Ends the session either token belongs to; unknown tokens are ignored. */
  end(tokens: { refreshToken?: string; accessToken?: string }): Promise<void>;
  check(accessToken: string): Promise<AccessCheck>;
  revokeOperator(operatorId: string, reason: string): Promise<void>;
  /** Test controls: every access token issued so far answers token_expired. */
  expireAccessTokens(): Promise<void>;
  /** Test controls: every refresh token issued so far stops working. */
  revokeRefreshTokens(): Promise<void>;
}

type Db = Kysely<Tables>;

async function issue(db: Db, sessionId: string, options: SessionOptions): Promise<IssuedTokens> {
  const accessToken = newToken();
  const refreshToken = newToken();
  const now = Date.now();
  await db
    .insertInto('access_tokens')
    .values({
      token_hash: tokenHash(accessToken),
      session_id: sessionId,
      expires_at: now + options.accessTokenTtlSeconds * 1000,
    })
    .execute();
  await db
    .insertInto('refresh_tokens')
    .values({
      token_hash: tokenHash(refreshToken),
      session_id: sessionId,
      created_at: now,
      expires_at: now + REFRESH_TOKEN_TTL_MS,
      used_at: null,
      revoked_at: null,
    })
    .execute();
  return { accessToken, refreshToken, expiresIn: options.accessTokenTtlSeconds };
}

async function revokeSessions(db: Db, sessionIds: string[], reason: string): Promise<void> {
  if (sessionIds.length === 0) return;
  await db
    .updateTable('sessions')
    .set({ revoked_at: Date.now(), revoked_reason: reason })
    .where('id', 'in', sessionIds)
    .where('revoked_at', 'is', null)
    .execute();
  await db.deleteFrom('access_tokens').where('session_id', 'in', sessionIds).execute();
}

/** The operator and session behind an access token's hash: one indexed lookup, made on every authenticated request. */
const accessTokenLookup = () =>
  compiledOnce<{ hash: string }, OperatorRow & { expires_at: number; session_id: string; revoked_at: number | null }>(
    (db, value) =>
      db
        .selectFrom('access_tokens as token')
        .innerJoin('sessions as session', 'session.id', 'token.session_id')
        .innerJoin('operators as operator', 'operator.id', 'session.operator_id')
        .selectAll('operator')
        .select(['token.expires_at', 'token.session_id', 'session.revoked_at'])
        .where('token.token_hash', '=', value('hash')),
  );

export function createSessionStore(database: Db, options: SessionOptions): SessionStore {
  const accessLookup = accessTokenLookup();
  const refreshIn = async (db: Db, refreshToken: string): Promise<RefreshOutcome> => {
    const hash = tokenHash(refreshToken);
    const now = Date.now();
    const row = await db
      .selectFrom('refresh_tokens as token')
      .innerJoin('sessions as session', 'session.id', 'token.session_id')
      .innerJoin('operators as operator', 'operator.id', 'session.operator_id')
      .select([
        'token.session_id',
        'token.expires_at',
        'token.revoked_at',
        'session.revoked_at as session_revoked_at',
        'session.operator_id',
        'operator.deleted_at',
      ])
      .where('token.token_hash', '=', hash)
      .executeTakeFirst();
    if (!row || row.session_revoked_at !== null || row.deleted_at !== null || row.expires_at <= now)
      return { ok: false };
    const family = { sessionId: row.session_id, operatorId: row.operator_id };
    const reuse = async (): Promise<RefreshOutcome> => {
      await revokeSessions(db, [row.session_id], 'refresh_token_reuse');
      return { ok: false, reuse: family };
    };
    if (row.revoked_at !== null) return reuse();

    // Spending is one conditional update, so two refreshes racing with one token (two server processes) see one winner.
    const spent = await db
      .updateTable('refresh_tokens')
      .set({ used_at: now })
      .where('token_hash', '=', hash)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    if (spent.numUpdatedRows === 0n) {
      const usedAt =
        (
          await db
            .selectFrom('refresh_tokens')
            .select('used_at')
            .where('token_hash', '=', hash)
            .executeTakeFirstOrThrow()
        ).used_at ?? now;
      const withinGrace = now - usedAt <= options.refreshGraceSeconds * 1000;
      const successorUsed = await db
        .selectFrom('refresh_tokens')
        .select('token_hash')
        .where('session_id', '=', row.session_id)
        .where('token_hash', '!=', hash)
        .where('created_at', '>=', usedAt)
        .where('used_at', 'is not', null)
        .executeTakeFirst();
      if (!withinGrace || successorUsed) return reuse();
    } else {
      // The successors issued within the grace to this token's parent: the client kept this one, the others die.
      await db
        .updateTable('refresh_tokens')
        .set({ revoked_at: now })
        .where('session_id', '=', row.session_id)
        .where('used_at', 'is', null)
        .where('revoked_at', 'is', null)
        .execute();
    }
    return { ok: true, operatorId: row.operator_id, tokens: await issue(db, row.session_id, options) };
  };

  const sessionOf = async (db: Db, hash: string): Promise<string | undefined> => {
    const refresh = await db
      .selectFrom('refresh_tokens')
      .select('session_id')
      .where('token_hash', '=', hash)
      .executeTakeFirst();
    const access =
      refresh ??
      (await db.selectFrom('access_tokens').select('session_id').where('token_hash', '=', hash).executeTakeFirst());
    return access?.session_id;
  };

  return {
    start: (operatorId) =>
      database.transaction().execute(async (db) => {
        const id = randomUUID();
        await db
          .insertInto('sessions')
          .values({ id, operator_id: operatorId, created_at: Date.now(), revoked_at: null, revoked_reason: null })
          .execute();
        return issue(db, id, options);
      }),

    startConsole: (operatorId, ttlSeconds) =>
      database.transaction().execute(async (db) => {
        const id = randomUUID();
        const token = newToken();
        const now = Date.now();
        const expiresAt = now + ttlSeconds * 1000;
        await db
          .insertInto('sessions')
          .values({ id, operator_id: operatorId, created_at: now, revoked_at: null, revoked_reason: null })
          .execute();
        await db
          .insertInto('access_tokens')
          .values({ token_hash: tokenHash(token), session_id: id, expires_at: expiresAt })
          .execute();
        return { token, expiresAt };
      }),

    refresh: (refreshToken) => database.transaction().execute((db) => refreshIn(db, refreshToken)),

    end: ({ refreshToken, accessToken }) =>
      database.transaction().execute(async (db) => {
        const hashes = [refreshToken, accessToken].filter((token) => token !== undefined).map(tokenHash);
        const sessions = new Set<string>();
        for (const hash of hashes) {
          const session = await sessionOf(db, hash);
          if (session) sessions.add(session);
        }
        await revokeSessions(db, [...sessions], 'logout');
      }),

    async check(accessToken) {
      const [row] = await accessLookup(database, { hash: tokenHash(accessToken) });
      if (!row || row.revoked_at !== null || row.deleted_at !== null) return { ok: false, code: 'unauthorized' };
      if (row.expires_at <= Date.now()) return { ok: false, code: 'token_expired' };
      const { expires_at, session_id, revoked_at, ...operator } = row;
      return { ok: true, operator, sessionId: session_id };
    },

    revokeOperator: (operatorId, reason) =>
      database.transaction().execute(async (db) => {
        const sessions = await db
          .selectFrom('sessions')
          .select('id')
          .where('operator_id', '=', operatorId)
          .where('revoked_at', 'is', null)
          .execute();
        await revokeSessions(
          db,
          sessions.map((session) => session.id),
          reason,
        );
      }),

    async expireAccessTokens() {
      await database.updateTable('access_tokens').set({ expires_at: 0 }).execute();
    },

    async revokeRefreshTokens() {
      await database
        .updateTable('refresh_tokens')
        .set({ revoked_at: Date.now() })
        .where('revoked_at', 'is', null)
        .execute();
    },
  };
}
