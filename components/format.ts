import type { EventType } from '../lib/schemas';
import { currencyDisplay } from '../lib/domain/money';
import type { Locale, Translate } from './i18n/text';

interface NumberStyle {
  group: string;
  decimal: string;
  /** Digits an integer needs before it is grouped: 4 in en and ru (`1,234`), 5 where `1234` stays whole. */
  groupFrom: number;
}

/**
 * Intl formatters take a millisecond or more to make and the history writes every event's money and time on each
 * render, so each is made once per language (and currency) and kept.
 */
function memo<T>(make: (key: string) => T): (key: string) => T {
  const made = new Map<string, T>();
  return (key) => {
    if (!made.has(key)) made.set(key, make(key));
    return made.get(key) as T;
  };
}

/** The language's separators, as Intl writes them (ru groups with a no-break space). */
const numberStyleOf = memo((locale): NumberStyle => {
  const format = new Intl.NumberFormat(locale);
  const parts = format.formatToParts(12345.5);
  const symbol = (type: string, fallback: string) => parts.find((part) => part.type === type)?.value ?? fallback;
  const groupFrom = format.formatToParts(1234).some((part) => part.type === 'group') ? 4 : 5;
  return { group: symbol('group', ','), decimal: symbol('decimal', '.'), groupFrom };
});

/** A canonical decimal string written with the language's separators, digit for digit: never through a float. */
export function formatDecimal(amount: string, locale: Locale, minimumDecimals = 0): string {
  const { group, decimal, groupFrom } = numberStyleOf(locale);
  const [integer = '0', fraction = ''] = amount.split('.');
  const grouped = integer.length < groupFrom ? integer : integer.replace(/\B(?=(\d{3})+$)/g, group);
  const digits = fraction.padEnd(minimumDecimals, '0');
  return digits ? `${grouped}${decimal}${digits}` : grouped;
}

/** Where the currency goes around the number, and its symbol, as Intl writes one unit of it in the language. */
const currencyParts = memo((key): Intl.NumberFormatPart[] | undefined => {
  const [locale, currency] = key.split(' ');
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).formatToParts(1);
  } catch {
    return undefined;
  }
});

const NUMBER_PARTS: readonly string[] = ['integer', 'group', 'decimal', 'fraction'];

/** Money as the language writes it — `1 234,50 ₽`, `$1,234.50`, `0.5 BTC` — from the decimal string the platform stores. */
export function formatMoney(amount: string, currency: string, locale: Locale): string {
  const display = currencyDisplay(currency);
  const parts = display.ticker ? undefined : currencyParts(`${locale} ${currency}`);
  if (display.ticker || !parts) return `${formatDecimal(amount, locale)} ${currency}`;
  const number = formatDecimal(amount, locale, display.decimals);
  let written = false;
  return parts
    .map((part) => {
      if (!NUMBER_PARTS.includes(part.type)) return part.value;
      if (written) return '';
      written = true;
      return number;
    })
    .join('');
}

const timeFormat = memo((locale) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }));

export function formatTime(iso: string, locale: Locale): string {
  const time = new Date(iso);
  if (Number.isNaN(time.getTime())) return iso;
  return timeFormat(locale).format(time);
}

/** "Deposit $150.00", "Регистрация": how an event is named in the history and the announcements. */
export function describeEvent(
  t: Translate,
  event: { type: EventType; amount?: string; currency?: string },
  locale: Locale,
): string {
  const type = t(`eventType.${event.type}`);
  return event.amount && event.currency ? `${type} ${formatMoney(event.amount, event.currency, locale)}` : type;
}
