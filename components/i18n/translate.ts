import { en, type MessageId } from './en';
import { ru } from './ru';

const tables = { en, ru } satisfies Record<string, Record<MessageId, string>>;
export type Locale = keyof typeof tables;

export type TextValues = Readonly<Record<string, string | number>>;
export type Translate = (id: MessageId, values?: TextValues) => string;

/** The string in the language's table, its `{name}` placeholders filled in. No React here: the background uses it too. */
export function translate(locale: Locale, id: MessageId, values: TextValues = {}): string {
  return tables[locale][id].replace(/\{(\w+)\}/g, (placeholder, name: string) =>
    Object.hasOwn(values, name) ? String(values[name]) : placeholder,
  );
}
