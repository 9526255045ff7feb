import { createContext, useCallback, useContext, type ReactNode } from 'react';
import { en, type MessageId } from './en';
import { ru } from './ru';

const tables = { en, ru } satisfies Record<string, Record<MessageId, string>>;
export type Locale = keyof typeof tables;

export type TextValues = Readonly<Record<string, string | number>>;
export type Translate = (id: MessageId, values?: TextValues) => string;

export function translate(locale: Locale, id: MessageId, values: TextValues = {}): string {
  return tables[locale][id].replace(/\{(\w+)\}/g, (placeholder, name: string) =>
    Object.hasOwn(values, name) ? String(values[name]) : placeholder,
  );
}

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
