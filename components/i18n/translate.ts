import { en, type MessageId } from './en';
import { fillPlaceholders, type TextValues } from './placeholders';
import { ru } from './ru';

const tables = { en, ru } satisfies Record<string, Record<MessageId, string>>;
export type Locale = keyof typeof tables;

export type Translate = (id: MessageId, values?: TextValues) => string;

/** The string in the language's table, its `{name}` placeholders filled in. */
export function translate(locale: Locale, id: MessageId, values: TextValues = {}): string {
  return fillPlaceholders(tables[locale][id], values);
}
