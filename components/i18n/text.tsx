import { createContext, useCallback, useContext, type ReactNode } from 'react';
import { translate, type Locale, type Translate } from './translate';

export type { Locale, Translate } from './translate';

const LocaleContext = createContext<Locale>('en');

export function LocaleProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  return <LocaleContext.Provider value={locale}>{children}</LocaleContext.Provider>;
}

/** The translate function for the language the UI is shown in. */
export function useText(): Translate {
  const locale = useContext(LocaleContext);
  return useCallback<Translate>((id, values) => translate(locale, id, values), [locale]);
}

export function useLocale(): Locale {
  return useContext(LocaleContext);
}
