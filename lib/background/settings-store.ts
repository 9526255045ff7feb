import { browser } from 'wxt/browser';
import { DEFAULT_SETTINGS, stored, type Settings } from '../schemas';
import { readStored, writeStored } from './stored-values';

export interface SettingsStore {
  get(): Promise<Settings>;
  save(settings: Settings): Promise<Settings>;
}

/**
 * The options page's settings; a missing or invalid stored value reads as the defaults. Every API call asks for the
 * base URL, so the value is kept in memory and dropped whenever storage says it changed.
 */
export function createSettingsStore(): SettingsStore {
  let cached: Promise<Settings> | undefined;
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === stored.settings.area && stored.settings.key in changes) cached = undefined;
  });
  return {
    get() {
      cached ??= readStored(stored.settings).then((settings) => settings ?? DEFAULT_SETTINGS);
      return cached;
    },
    async save(settings) {
      await writeStored(stored.settings, settings);
      cached = Promise.resolve(settings);
      return settings;
    },
  };
}
