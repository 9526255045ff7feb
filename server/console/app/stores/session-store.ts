import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ConsoleOperator } from '../../../../lib/schemas/console';
import { ApiProblem, type ConsoleApi } from '../api';
import { problemText } from '../parts/problem-text';

export type SignInProblem = 'wrong' | 'throttled' | 'ended' | { message: string };

export type SessionState =
  | { phase: 'checking' }
  | { phase: 'signedOut'; problem?: SignInProblem; busy: boolean }
  | { phase: 'adminsOnly'; email: string }
  | { phase: 'signedIn'; operator: ConsoleOperator };

export interface SessionActions {
  check(): Promise<void>;
  signIn(email: string, password: string): Promise<void>;
  signOut(): Promise<void>;
  /** An admin call answered 401: the session ended elsewhere (removed, revoked, expired). */
  ended(): void;
  backToSignIn(): void;
}

export type SessionStore = StoreApi<{ state: SessionState } & SessionActions>;

export function createSessionStore(api: () => ConsoleApi): SessionStore {
  const store = createStore<{ state: SessionState } & SessionActions>()((set, get) => ({
    state: { phase: 'checking' },
    async check() {
      try {
        const session = await api().currentSession();
        set({ state: { phase: 'signedIn', operator: session.operator } });
      } catch {
        set({ state: { phase: 'signedOut', busy: false } });
      }
    },
    async signIn(email, password) {
      set({ state: { phase: 'signedOut', busy: true } });
      try {
        const session = await api().signIn(email, password);
        set({ state: { phase: 'signedIn', operator: session.operator } });
      } catch (error) {
        if (error instanceof ApiProblem && error.code === 'admins_only') {
          set({ state: { phase: 'adminsOnly', email } });
          return;
        }
        const problem: SignInProblem =
          error instanceof ApiProblem && error.status === 401
            ? 'wrong'
            : error instanceof ApiProblem && error.status === 429
              ? 'throttled'
              : { message: problemText(error) };
        set({ state: { phase: 'signedOut', busy: false, problem } });
      }
    },
    async signOut() {
      try {
        await api().signOut();
      } finally {
        api().forgetSession();
        set({ state: { phase: 'signedOut', busy: false } });
      }
    },
    ended() {
      if (get().state.phase !== 'signedIn') return;
      api().forgetSession();
      set({ state: { phase: 'signedOut', busy: false, problem: 'ended' } });
    },
    backToSignIn() {
      set({ state: { phase: 'signedOut', busy: false } });
    },
  }));
  return store;
}
