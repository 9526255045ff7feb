import { createContext, useCallback, useContext, type ReactNode } from 'react';
import { en, type MessageId } from './en';
import { ru } from './ru';

const tables = { en, ru } satisfies Record<string, Record<MessageId, string>>;
export type Locale = keyof typeof tables;
export const LOCALES = Object.keys(tables) as Locale[];

export type Translate = (id: MessageId, values?: Readonly<Record<string, string | number>>) => string;

export function translate(
  locale: Locale,
  id: MessageId,
  values: Readonly<Record<string, string | number>> = {},
): string {
  return tables[locale][id].replace(/\{(\w+)\}/g, (placeholder, name: string) =>
    Object.hasOwn(values, name) ? String(values[name]) : placeholder,
  );
}

const LocaleContext = createContext<Locale>('en');

export function LocaleProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  return <LocaleContext.Provider value={locale}>{children}</LocaleContext.Provider>;
}

export function useText(): Translate {
  const locale = useContext(LocaleContext);
  return useCallback<Translate>((id, values) => translate(locale, id, values), [locale]);
}

export function useLocale(): Locale {
  return useContext(LocaleContext);
}

/** Times as the admin reads them, in their language and time zone. */
export function useFormatTime(): (iso: string) => string {
  const locale = useLocale();
  return useCallback(
    (iso: string) => {
      const date = new Date(iso);
      return Number.isNaN(date.getTime())
        ? iso
        : new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
    },
    [locale],
  );
}
