import { createStore, type StoreApi } from 'zustand/vanilla';
import { sendMessage } from '../messaging/client';
import {
  apiUrlProblemOf,
  fieldErrors,
  isLoopbackUrl,
  settingsSchema,
  type ApiUrlProblem,
  type Settings,
} from '../schemas';
import { problemOf } from './problem';

export type SettingsField = keyof Settings;

export interface OptionsState {
  /** What the form shows: raw text until Save validates it. */
  values: Settings;
  loaded: boolean;
  saving: boolean;
  errors: Partial<Record<SettingsField | 'form', string>>;
  /** The rule the API URL broke, for the page to say in its language (errors.apiUrl holds the schema's English). */
  apiUrlProblem: ApiUrlProblem | undefined;
  /** Saved: the last Save went through. Denied: the browser did not grant the API origin, so nothing was saved. */
  outcome: { kind: 'saved' } | { kind: 'denied'; origin: string } | undefined;

  load(): Promise<void>;
  edit(patch: Partial<Settings>): void;
  save(): Promise<boolean>;
}

export type OptionsStore = StoreApi<OptionsState>;

export interface OptionsStoreDeps {
  /**
   * Asks the browser for host permission on these origins (`browser.permissions.request`). It must be called in the
   * click that saves, before anything else is awaited, or the browser refuses to ask.
   */
  requestOrigins: (origins: string[]) => Promise<boolean>;
}

const SETTINGS_FIELDS: readonly string[] = ['apiUrl', 'defaultCurrency', 'language'] satisfies SettingsField[];

function atSettingsFields(fields: Record<string, string>, fallback: string): OptionsState['errors'] {
  const errors: OptionsState['errors'] = {};
  for (const [field, message] of Object.entries(fields)) {
    if (SETTINGS_FIELDS.includes(field)) errors[field as SettingsField] = message;
  }
  return Object.keys(errors).length > 0 ? errors : { form: fallback };
}

/** The options page: the platform's API URL (with the permission to reach it) and the default currency. */
export function createOptionsStore({ requestOrigins }: OptionsStoreDeps): OptionsStore {
  const store = createStore<OptionsState>()((set, get) => ({
    values: { apiUrl: '', defaultCurrency: '', language: 'auto' },
    loaded: false,
    saving: false,
    errors: {},
    apiUrlProblem: undefined,
    outcome: undefined,

    async load() {
      try {
        set({ values: await sendMessage('settings.get', {}), loaded: true });
      } catch (error) {
        set({ errors: { form: problemOf(error).message }, loaded: true });
      }
    },

    edit(patch) {
      const errors = { ...get().errors };
      delete errors.form;
      for (const field of Object.keys(patch) as SettingsField[]) delete errors[field];
      const apiUrlProblem = 'apiUrl' in patch ? undefined : get().apiUrlProblem;
      set({ values: { ...get().values, ...patch }, errors, apiUrlProblem, outcome: undefined });
    },

    async save() {
      if (get().saving) return false;
      const parsed = settingsSchema.safeParse({ ...get().values, apiUrl: get().values.apiUrl.trim() });
      if (!parsed.success) {
        const errors = fieldErrors(parsed.error);
        set({ errors, apiUrlProblem: apiUrlProblemOf(errors.apiUrl), outcome: undefined });
        return false;
      }
      set({ saving: true, errors: {}, apiUrlProblem: undefined, outcome: undefined });
      try {
        const { apiUrl } = parsed.data;
        if (!isLoopbackUrl(apiUrl)) {
          const origin = new URL(apiUrl).origin;
          if (!(await requestOrigins([`${origin}/*`]))) {
            set({ outcome: { kind: 'denied', origin } });
            return false;
          }
        }
        set({ values: await sendMessage('settings.save', parsed.data), outcome: { kind: 'saved' } });
        return true;
      } catch (error) {
        const problem = problemOf(error);
        set({ errors: problem.fields ? atSettingsFields(problem.fields, problem.message) : { form: problem.message } });
        return false;
      } finally {
        set({ saving: false });
      }
    },
  }));
  void store.getState().load();
  return store;
}
