import { languageSchema, type Language } from '../schemas';

/** The choices of the options page's Language field: the browser's, then each language the UI is written in. */
export const LANGUAGES = languageSchema.options;

export function isLanguage(value: string): value is Language {
  return (LANGUAGES as readonly string[]).includes(value);
}

/** A language the UI is written in. */
export type UiLocale = Exclude<Language, 'auto'>;

/** The manager's choice, or for 'auto' the browser's language: Russian for any ru-*, English for everything else. */
export function resolveLocale(language: Language, browserLanguage: string): UiLocale {
  if (language !== 'auto') return language;
  return /^ru\b/i.test(browserLanguage) ? 'ru' : 'en';
}
