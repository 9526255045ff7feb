import { createStore, type StoreApi } from 'zustand/vanilla';
import { onBackgroundChange, sendMessage } from '../messaging/client';
import type { Language } from '../schemas';
import { resolveLocale, type UiLocale } from '../domain/language';

export interface LanguageState {
  /** What the settings say; 'auto' until they are read. */
  language: Language;
  /** The language the UI is shown in now. */
  locale: UiLocale;
  dispose(): void;
}

export type LanguageStore = StoreApi<LanguageState>;

/**
 * The UI's language for one page (content script, popup or options): the browser's at once, then the settings', and
 * again whenever the options page saves another. `browserLanguage` is `browser.i18n.getUILanguage`.
 */
export function createLanguageStore(browserLanguage: () => string): LanguageStore {
  const follow = (language: Language) =>
    store.setState({ language, locale: resolveLocale(language, browserLanguage()) });
  const read = () =>
    sendMessage('settings.get', {}).then(
      (settings) => follow(settings.language),
      // The background unreachable: keep the language shown so far.
      () => undefined,
    );
  const stopFollowing = onBackgroundChange((change) => {
    if (change === 'settings') void read();
  });
  const store = createStore<LanguageState>()(() => ({
    language: 'auto',
    locale: resolveLocale('auto', browserLanguage()),
    dispose: stopFollowing,
  }));
  void read();
  return store;
}
