import type { EventType } from '../lib/schemas';
import type { Locale, Translate } from './i18n/text';

/** Money as the platform stores it: the decimal string and its code, never a float. */
export function formatMoney(amount: string, currency: string): string {
  return `${amount} ${currency}`;
}

export function formatTime(iso: string, locale: Locale): string {
  const time = new Date(iso);
  if (Number.isNaN(time.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(time);
}

/** "Deposit 150 USD", "Registration": how an event is named in the history and the announcements. */
export function describeEvent(t: Translate, event: { type: EventType; amount?: string; currency?: string }): string {
  const type = t(`eventType.${event.type}`);
  return event.amount && event.currency ? `${type} ${formatMoney(event.amount, event.currency)}` : type;
}
