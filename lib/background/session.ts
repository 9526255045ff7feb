import { stored, type ApiError, type LoginRequest, type Session, type SessionSummary } from '../schemas';
import type { ApiClient } from './api-client';
import { pause } from '../domain/pause';
import { isRetryable, toApiError, type ApiFailure, type ApiResult } from './api-failure';
import type { RefreshTokenStore } from './refresh-token-store';
import { exclusively, readStored, type Held, type StoredEntry } from './storage';

/** Why an authenticated call was not made: nobody is signed in, or someone else is. */
export type AuthFailure = ApiFailure | { kind: 'signedOut' } | { kind: 'otherOperator' };
export type AuthResult<T> = { ok: true; status: number; data: T } | { ok: false; failure: AuthFailure };

export type SignInResult = { ok: true; session: SessionSummary } | { ok: false; error: ApiError };

export interface AuthSession {
  summary(): Promise<SessionSummary>;
  signIn(credentials: LoginRequest): Promise<SignInResult>;
  /** Ends the session here at once; telling the platform is best effort. */
  signOut(): Promise<SessionSummary>;
  /**
   * Makes `call` with the bearer; on 401 refreshes once (sharing a refresh already in flight) and repeats it.
   * With `operatorId`, the call is made only while that operator is the one signed in.
   */
  withAuth<T>(
    call: (accessToken: string) => Promise<ApiResult<T>>,
    options?: { operatorId?: string },
  ): Promise<AuthResult<T>>;
}

export interface SessionOptions {
  api: ApiClient;
  refreshTokens: RefreshTokenStore;
  now?: () => number;
}

interface AccessToken {
  token: string;
  expiresAt: number;
}

/** A usable access token and whose session it belongs to. */
type Refreshed = { ok: true; token: string; operatorId: string } | { ok: false; failure: AuthFailure };

/**
 * The token is taken for expired a little before the platform's expiry (a tenth of its life, at most 5 s), so a call
 * doesn't leave with a token that dies on the way; the stored `expiresAt` already has the margin taken off.
 */
function usableUntil(now: number, expiresInSeconds: number): number {
  return now + expiresInSeconds * 1000 - Math.min(5_000, expiresInSeconds * 100);
}
/** No readable answer: the platform may have done the work and the answer was lost on the way back. */
const answerMayBeLost = (failure: ApiFailure) =>
  failure.kind === 'network' || failure.kind === 'timeout' || failure.kind === 'malformed';
/**
 * The pauses before asking again for a refresh whose answer may have been lost: 2.5 s in all, well inside the
 * platform's grace for a spent token (30 s on ours). Few, so an unreachable platform is not hammered: the outbox's
 * next probe, at most 15 s later, asks again inside the grace too.
 */
const ASK_AGAIN_AFTER_MS = [0, 750, 1_750];

const SIGNED_OUT: SessionSummary = { signedIn: false };
const EXPIRED: SessionSummary = { signedIn: false, expired: true };

/**
 * The operator's session per the contract. Storage is the truth (the worker is stopped whenever idle) and is read
 * each time; sign-in, sign-out and a refresh's outcome change it under the storage lock, never interleaved.
 */
export function createSession(options: SessionOptions): AuthSession {
  const { api, refreshTokens } = options;
  const now = options.now ?? Date.now;
  let refreshing: Promise<Refreshed> | undefined;
  /** Bumped by sign-in, sign-out and expiry, so a refresh that was under way then cannot bring an old session back. */
  let epoch = 0;
  const load = async (held?: Held): Promise<{ summary: SessionSummary; access: AccessToken | undefined }> => {
    const read = <T>(entry: StoredEntry<T>) => (held ? held.read(entry) : readStored(entry));
    const [summary, access] = await Promise.all([read(stored.sessionSummary), read(stored.accessToken)]);
    return { summary: summary ?? SIGNED_OUT, access };
  };

  async function keep(held: Held, session: Session): Promise<Refreshed> {
    const access = { token: session.accessToken, expiresAt: usableUntil(now(), session.expiresIn) };
    const summary: SessionSummary = { signedIn: true, operator: session.operator };
    // The old refresh token died with this rotation: the new one is stored first, so a stopped worker keeps a live one.
    await refreshTokens.set(session.refreshToken);
    await held.write(stored.accessToken, access);
    await held.write(stored.sessionSummary, summary);
    return { ok: true, token: access.token, operatorId: session.operator.id };
  }

  async function end(held: Held, summary: SessionSummary): Promise<void> {
    epoch += 1;
    await held.remove(stored.accessToken);
    await refreshTokens.clear();
    await held.write(stored.sessionSummary, summary);
  }

  /**
   * A refresh with no readable answer may still have rotated the token on the platform, leaving only a spent one
   * here, which the platform takes for a short grace period. Asking again at once lands inside it, whenever the next
   * call would have come; and again while that ask meets a retryable failure (busy, unreachable), until the pauses run
   * out, since the call after it may well come after the grace.
   */
  async function refreshCall(refreshToken: string): Promise<ApiResult<Session>> {
    let result = await api.refresh(refreshToken);
    if (result.ok || !answerMayBeLost(result.failure)) return result;
    for (const ms of ASK_AGAIN_AFTER_MS) {
      if (ms > 0) await pause(ms);
      result = await api.refresh(refreshToken);
      if (result.ok || !isRetryable(result.failure)) return result;
    }
    return result;
  }

  async function refreshNow(): Promise<Refreshed> {
    const startedIn = epoch;
    const refreshToken = await refreshTokens.get();
    const result = refreshToken ? await refreshCall(refreshToken) : undefined;
    const settled = await exclusively(
      async (held): Promise<{ refreshed: Refreshed; lost?: { accessToken: string | undefined } }> => {
        if (startedIn !== epoch) return { refreshed: await currentToken(held) };
        if (result?.ok) return { refreshed: await keep(held, result.data) };
        if (!result || (result.failure.kind === 'http' && result.failure.status === 401)) {
          const { access } = await load(held);
          await end(held, EXPIRED);
          return { refreshed: { ok: false, failure: { kind: 'signedOut' } }, lost: { accessToken: access?.token } };
        }
        return { refreshed: result };
      },
    );
    // Refused: another holder of this token may have refreshed first (a copied profile, a stolen token). Signing out
    // with it asks the platform to end the whole session, so the other holder's chain does not live on unseen.
    if (settled.lost && refreshToken) await api.logout(refreshToken, settled.lost.accessToken);
    return settled.refreshed;
  }

  async function currentToken(held: Held): Promise<Refreshed> {
    const { summary, access } = await load(held);
    return summary.signedIn && access
      ? { ok: true, token: access.token, operatorId: summary.operator.id }
      : { ok: false, failure: { kind: 'signedOut' } };
  }

  /** One refresh at a time; a caller whose token was already replaced gets the new one without another refresh. */
  async function refresh(staleToken: string | undefined): Promise<Refreshed> {
    if (refreshing) return refreshing;
    const { summary, access } = await load();
    if (refreshing) return refreshing;
    if (summary.signedIn && access && access.token !== staleToken && access.expiresAt > now()) {
      return { ok: true, token: access.token, operatorId: summary.operator.id };
    }
    refreshing = refreshNow().finally(() => {
      refreshing = undefined;
    });
    return refreshing;
  }

  return {
    async summary() {
      return (await load()).summary;
    },

    async signIn(credentials) {
      const result = await api.login(credentials);
      if (!result.ok) return { ok: false, error: toApiError(result.failure) };
      const session = result.data;
      await exclusively(async (held) => {
        epoch += 1;
        await keep(held, session);
      });
      return { ok: true, session: { signedIn: true, operator: session.operator } };
    },

    async signOut() {
      const ended = await exclusively(async (held) => {
        const { access } = await load(held);
        const refreshToken = await refreshTokens.get();
        await end(held, SIGNED_OUT);
        return { refreshToken, accessToken: access?.token };
      });
      if (ended.refreshToken) await api.logout(ended.refreshToken, ended.accessToken);
      return SIGNED_OUT;
    },

    async withAuth(call, callOptions) {
      const { summary, access } = await load();
      if (!summary.signedIn) return { ok: false, failure: { kind: 'signedOut' } };
      // The call is made for one operator: the one asked for, or the one signed in as it starts. A refresh can end with
      // someone else signed in (a sign-out and sign-in while it was on its way); their token is never used for it.
      const owner = callOptions?.operatorId ?? summary.operator.id;
      if (owner !== summary.operator.id) return { ok: false, failure: { kind: 'otherOperator' } };
      const ownersToken = async (stale: string | undefined): Promise<AuthResult<string>> => {
        const refreshed = await refresh(stale);
        if (!refreshed.ok) return refreshed;
        return refreshed.operatorId === owner
          ? { ok: true, status: 200, data: refreshed.token }
          : { ok: false, failure: { kind: 'otherOperator' } };
      };
      let token = access && access.expiresAt > now() ? access.token : undefined;
      if (token === undefined) {
        const refreshed = await ownersToken(access?.token);
        if (!refreshed.ok) return refreshed;
        token = refreshed.data;
      }
      const result = await call(token);
      if (result.ok || result.failure.kind !== 'http' || result.failure.status !== 401) return result;
      const refreshed = await ownersToken(token);
      return refreshed.ok ? call(refreshed.data) : refreshed;
    },
  };
}
