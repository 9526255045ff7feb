import { createStore, type StoreApi } from 'zustand/vanilla';
import { LOCALES, type Locale } from '../i18n/text';

const CHOICE_KEY = 'tracker-data-console.locale';

function isLocale(value: unknown): value is Locale {
  return (LOCALES as unknown[]).includes(value);
}

/** The browser's language (Russian for any ru-*), until the admin picks one; the pick is remembered in this browser. */
export function initialLocale(storage: Pick<Storage, 'getItem'> | undefined, browserLanguage: string): Locale {
  const chosen = storage?.getItem(CHOICE_KEY);
  if (isLocale(chosen)) return chosen;
  return /^ru\b/i.test(browserLanguage) ? 'ru' : 'en';
}

export type LocaleStore = StoreApi<{ locale: Locale; choose(locale: string): void }>;

export function createLocaleStore(locale: Locale, storage?: Pick<Storage, 'setItem'>): LocaleStore {
  return createStore<{ locale: Locale; choose(locale: string): void }>()((set) => ({
    locale,
    choose(next) {
      if (!isLocale(next)) return;
      storage?.setItem(CHOICE_KEY, next);
      set({ locale: next });
    },
  }));
}
