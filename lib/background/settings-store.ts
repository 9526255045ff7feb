import { DEFAULT_SETTINGS, stored, type Settings } from '../schemas';
import { readStored, writeStored } from './storage';

export interface SettingsStore {
  get(): Promise<Settings>;
  save(settings: Settings): Promise<Settings>;
}

/** The options page's settings; a missing or invalid stored value reads as the defaults. */
export function createSettingsStore(): SettingsStore {
  return {
    get: async () => (await readStored(stored.settings)) ?? DEFAULT_SETTINGS,
    async save(settings) {
      await writeStored(stored.settings, settings);
      return settings;
    },
  };
}
