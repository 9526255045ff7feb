import type { EventType } from '../lib/schemas';
import { currencyDisplay } from '../lib/stores/money';
import type { Locale, Translate } from './i18n/text';

interface NumberStyle {
  group: string;
  decimal: string;
  /** Digits an integer needs before it is grouped: 4 in en and ru (`1,234`), 5 where `1234` stays whole. */
  groupFrom: number;
}

const numberStyles = new Map<Locale, NumberStyle>();

/** The language's separators, as Intl writes them (ru groups with a no-break space). */
function numberStyleOf(locale: Locale): NumberStyle {
  let style = numberStyles.get(locale);
  if (!style) {
    const format = new Intl.NumberFormat(locale);
    const parts = format.formatToParts(12345.5);
    const symbol = (type: string, fallback: string) => parts.find((part) => part.type === type)?.value ?? fallback;
    const groupFrom = format.formatToParts(1234).some((part) => part.type === 'group') ? 4 : 5;
    style = { group: symbol('group', ','), decimal: symbol('decimal', '.'), groupFrom };
    numberStyles.set(locale, style);
  }
  return style;
}

/** A canonical decimal string written with the language's separators, digit for digit: never through a float. */
export function formatDecimal(amount: string, locale: Locale, minimumDecimals = 0): string {
  const { group, decimal, groupFrom } = numberStyleOf(locale);
  const [integer = '0', fraction = ''] = amount.split('.');
  const grouped = integer.length < groupFrom ? integer : integer.replace(/\B(?=(\d{3})+$)/g, group);
  const digits = fraction.padEnd(minimumDecimals, '0');
  return digits ? `${grouped}${decimal}${digits}` : grouped;
}

/** Where the currency goes around the number, and its symbol, as Intl writes one unit of it in the language. */
function currencyPartsOf(locale: Locale, currency: string): Intl.NumberFormatPart[] | undefined {
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).formatToParts(1);
  } catch {
    return undefined;
  }
}

const NUMBER_PARTS: readonly string[] = ['integer', 'group', 'decimal', 'fraction'];

/** Money as the language writes it — `1 234,50 ₽`, `$1,234.50`, `0.5 BTC` — from the decimal string the platform stores. */
export function formatMoney(amount: string, currency: string, locale: Locale): string {
  const display = currencyDisplay(currency);
  const parts = display.ticker ? undefined : currencyPartsOf(locale, currency);
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

export function formatTime(iso: string, locale: Locale): string {
  const time = new Date(iso);
  if (Number.isNaN(time.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(time);
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
