import { createStore, type StoreApi } from 'zustand/vanilla';
import { onBackgroundChange, sendMessage } from '../messaging/client';
import {
  fieldErrors,
  loginRequestSchema,
  type LoginRequest,
  type MessageResponse,
  type OutboxRecord,
  type OutboxSummary,
  type QuarantinedRecord,
  type SessionSummary,
} from '../schemas';
import { problemOf, type Problem } from './problem';

export type SignInField = keyof LoginRequest;
export type HeldForOthers = MessageResponse<'outbox.heldForOthers'>;
export type ForOtherPlatforms = MessageResponse<'outbox.forOtherPlatforms'>;
/** Who saved events that wait: an operator's id, or null for events saved while signed out. */
export type SavedBy = string | null;

export interface PopupState {
  /** Undefined until the background answers. */
  session: SessionSummary | undefined;
  outbox: OutboxSummary | undefined;
  /** The events still waiting here (queued or failed), every contact's, newest first. */
  waiting: OutboxRecord[];
  /** Failed events the manager dismissed, most recently dismissed first: kept a week, so nothing vanishes unseen. */
  dismissed: OutboxRecord[];
  signingIn: boolean;
  signingOut: boolean;
  /** Messages at the Email and Password fields. */
  fieldErrors: Partial<Record<SignInField, string>>;
  /** A refusal that belongs to no field: wrong credentials, too many attempts, the platform unreachable. */
  problem: Problem | undefined;
  /** Events other operators saved that still wait, by operator: the signed-in manager chooses what becomes of them. */
  heldForOthers: HeldForOthers;
  /** Operators whose events the manager chose to keep for them (null: those saved signed out), while the popup is open. */
  keptFor: readonly SavedBy[];
  /** Operators whose events are being taken over now. */
  adopting: readonly SavedBy[];
  /** Events queued for another platform than the one set now, by platform: they wait for it, or are dismissed. */
  forOtherPlatforms: ForOtherPlatforms;
  /** Stored values that no longer read, set aside: the manager can try them again or export them. */
  setAside: QuarantinedRecord[];
  /** Set-aside records being tried again now. */
  restoring: boolean;
  /** How the last try went: how many came back and how many still do not read. */
  restored: { restored: number; left: number } | undefined;

  load(): Promise<void>;
  signIn(credentials: LoginRequest): Promise<boolean>;
  signOut(): Promise<void>;
  clearErrors(field: SignInField): void;
  /** Sends another operator's waiting events, or those saved signed out (null), as the signed-in operator's own. */
  sendAsMe(operatorId: SavedBy): Promise<void>;
  /** Leaves another operator's events waiting for them to sign in again (null: asks again at the next sign-in). */
  keepFor(operatorId: SavedBy): void;
  /** Gives up on the events queued for another platform: they move to the Dismissed log. */
  dismissForPlatform(apiUrl: string): Promise<void>;
  /** Puts back the set-aside records that read now (an update that knows them, say). */
  restoreSetAside(): Promise<void>;
  dispose(): void;
}

export type PopupStore = StoreApi<PopupState>;

const SIGN_IN_FIELDS: readonly string[] = ['email', 'password'] satisfies SignInField[];

function atSignInFields(fields: Partial<Record<string, string>>): Partial<Record<SignInField, string>> {
  return Object.fromEntries(Object.entries(fields).filter(([field]) => SIGN_IN_FIELDS.includes(field)));
}

/** The toolbar popup: who is signed in, signing in and out, and how many events wait or failed. */
export function createPopupStore(): PopupStore {
  let stopListening = () => {};

  const store = createStore<PopupState>()((set, get) => {
    const loadSession = async () => {
      try {
        set({ session: await sendMessage('session.get', {}) });
      } catch (error) {
        set({ problem: problemOf(error) });
      }
    };
    const loadSetAside = async (summary: OutboxSummary) => {
      if (summary.quarantined === 0) {
        set({ setAside: [] });
        return;
      }
      try {
        set({ setAside: await sendMessage('outbox.setAside', {}) });
      } catch {
        // The count still says how many are aside; the export comes back at the next outbox change or opening.
      }
    };
    const loadOutbox = async () => {
      try {
        const outbox = await sendMessage('outbox.summary', {});
        set({ outbox });
        await loadSetAside(outbox);
      } catch (error) {
        set({ problem: problemOf(error) });
      }
    };
    const loadEvents = async () => {
      try {
        const [records, dismissed] = await Promise.all([sendMessage('outbox.list', {}), sendMessage('outbox.log', {})]);
        set({ waiting: records.filter((record) => record.state !== 'sent'), dismissed });
      } catch {
        // The counts above still say how many wait; the lists come back at the next outbox change or opening.
      }
    };

    const loadHeld = async () => {
      if (get().session?.signedIn !== true) {
        set({ heldForOthers: [] });
        return;
      }
      try {
        set({ heldForOthers: await sendMessage('outbox.heldForOthers', {}) });
      } catch {
        // Offered again at the next outbox change or opening; an error here must not cover a sign-in error.
      }
    };

    const loadOtherPlatforms = async () => {
      try {
        set({ forOtherPlatforms: await sendMessage('outbox.forOtherPlatforms', {}) });
      } catch {
        // Listed again at the next outbox change or opening; the counts above still include them.
      }
    };

    stopListening = onBackgroundChange((change) => {
      if (change === 'session') void loadSession().then(loadHeld);
      if (change === 'outbox') void Promise.all([loadOutbox(), loadEvents(), loadHeld(), loadOtherPlatforms()]);
    });

    return {
      session: undefined,
      outbox: undefined,
      waiting: [],
      dismissed: [],
      signingIn: false,
      signingOut: false,
      fieldErrors: {},
      problem: undefined,
      heldForOthers: [],
      keptFor: [],
      adopting: [],
      forOtherPlatforms: [],
      setAside: [],
      restoring: false,
      restored: undefined,

      async load() {
        await Promise.all([loadSession(), loadOutbox(), loadEvents(), loadOtherPlatforms()]);
        await loadHeld();
      },

      async signIn(credentials) {
        if (get().signingIn) return false;
        const parsed = loginRequestSchema.safeParse(credentials);
        if (!parsed.success) {
          set({ fieldErrors: atSignInFields(fieldErrors(parsed.error)), problem: undefined });
          return false;
        }
        set({ signingIn: true, fieldErrors: {}, problem: undefined });
        try {
          const result = await sendMessage('session.signIn', parsed.data);
          if (result.ok) {
            set({ session: result.session, keptFor: [] });
            void loadHeld();
            return true;
          }
          const fields = atSignInFields(result.error.fields ?? {});
          set({ fieldErrors: fields, problem: Object.keys(fields).length > 0 ? undefined : result.error });
          return false;
        } catch (error) {
          set({ problem: problemOf(error) });
          return false;
        } finally {
          set({ signingIn: false });
        }
      },

      async signOut() {
        if (get().signingOut) return;
        set({ signingOut: true, problem: undefined });
        try {
          set({ session: await sendMessage('session.signOut', {}), heldForOthers: [] });
        } catch (error) {
          set({ problem: problemOf(error) });
        } finally {
          set({ signingOut: false });
        }
      },

      clearErrors(field) {
        const { [field]: _cleared, ...rest } = get().fieldErrors;
        set({ fieldErrors: rest, problem: undefined });
      },

      async sendAsMe(operatorId) {
        if (get().adopting.includes(operatorId)) return;
        set({ adopting: [...get().adopting, operatorId], problem: undefined });
        try {
          await sendMessage('outbox.adopt', { operatorId });
          await loadHeld();
        } catch (error) {
          set({ problem: problemOf(error) });
        } finally {
          set({ adopting: get().adopting.filter((id) => id !== operatorId) });
        }
      },

      keepFor(operatorId) {
        if (!get().keptFor.includes(operatorId)) set({ keptFor: [...get().keptFor, operatorId] });
      },

      async dismissForPlatform(apiUrl) {
        set({ problem: undefined });
        try {
          await sendMessage('outbox.dismissForPlatform', { apiUrl });
          await Promise.all([loadOtherPlatforms(), loadEvents()]);
        } catch (error) {
          set({ problem: problemOf(error) });
        }
      },

      async restoreSetAside() {
        if (get().restoring) return;
        set({ restoring: true, restored: undefined, problem: undefined });
        try {
          set({ restored: await sendMessage('outbox.restoreSetAside', {}) });
          await loadOutbox();
        } catch (error) {
          set({ problem: problemOf(error) });
        } finally {
          set({ restoring: false });
        }
      },

      dispose() {
        stopListening();
      },
    };
  });
  void store.getState().load();
  return store;
}
