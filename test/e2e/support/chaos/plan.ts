import type { EventType } from '../../../../lib/schemas';
import { seededRandom } from '../../../../server/testing/seeded-random';

/** The four leads of the Telegram K fixture, as the chat list names them and the platform knows them. */
export const LEADS = [
  { name: 'Anna Petrova', externalId: '777001', hasDeposit: false },
  { name: 'Boris Ivanov', externalId: '777002', hasDeposit: true },
  { name: 'Leads Group', externalId: '-1001234567890', hasDeposit: false },
  { name: 'Clara Smith', externalId: '777003', hasDeposit: false },
] as const;
export type LeadName = (typeof LEADS)[number]['name'];

/** What the manager types into the form for one event, and what the platform must end up storing for it. */
export interface PlannedEvent {
  lead: LeadName;
  externalId: string;
  type: EventType;
  /** As typed into Amount: sometimes with a trailing zero or thousands separators, as managers write money. */
  typed?: string;
  /** The canonical decimal the platform must store. */
  amount?: string;
  currency?: string;
  note?: string;
}

/** Fiat with 2, 0 and 3 decimals, and crypto with 8, so every rule of the amount field is crossed. */
const CURRENCIES = [
  { code: 'USD', decimals: 2 },
  { code: 'EUR', decimals: 2 },
  { code: 'JPY', decimals: 0 },
  { code: 'KWD', decimals: 3 },
  { code: 'USDT', decimals: 8 },
  { code: 'BTC', decimals: 8 },
] as const;

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

function digits(random: () => number, count: number): string {
  return Array.from({ length: count }, () => String(Math.floor(random() * 10))).join('');
}

/** An amount as a canonical decimal (no leading zeros, no trailing fraction zeros) and as a manager might type it. */
function money(random: () => number, decimals: number): { amount: string; typed: string } {
  const integer = String(1 + Math.floor(random() * (random() < 0.2 ? 2_000_000 : 5_000)));
  const places = decimals === 0 ? 0 : Math.floor(random() * (decimals + 1));
  const fraction = places === 0 ? '' : digits(random, places - 1) + String(1 + Math.floor(random() * 9));
  const amount = fraction ? `${integer}.${fraction}` : integer;
  const style = random();
  if (style < 0.15 && fraction && integer.length > 3) {
    // 1,234,567.5 as written in English-speaking countries (without a fraction, "1,234" would be 1.234 in KWD or BTC).
    return { amount, typed: `${Number(integer).toLocaleString('en-US')}.${fraction}` };
  }
  if (style < 0.35 && fraction && fraction.length < decimals) return { amount, typed: `${amount}0` };
  return { amount, typed: amount };
}

/**
 * `count` events across the four leads: the manager stays in a chat for one to four events, then switches. A contact
 * gets one Deposit (only if it has none: the platform refuses a second as deposit_exists), Redeposits after that, and
 * Registrations now and then; amounts in six currencies, some with decimals, some typed with separators or a trailing
 * zero; a note on some.
 */
export function planEvents(count: number, seed: number): PlannedEvent[] {
  const random = seededRandom(seed);
  const hasDeposit = new Map<string, boolean>(LEADS.map((lead) => [lead.name, lead.hasDeposit]));
  const events: PlannedEvent[] = [];
  let lead: (typeof LEADS)[number] = pick(random, LEADS);
  let stay = 0;
  while (events.length < count) {
    if (stay === 0) {
      const others = LEADS.filter((other) => other.name !== lead.name);
      lead = pick(random, others);
      stay = 1 + Math.floor(random() * 4);
    }
    stay -= 1;
    const note =
      random() < 0.15
        ? `chaos #${events.length + 1}: paid via ${pick(random, ['card', 'bank transfer', 'wallet'])}`
        : undefined;
    const base = { lead: lead.name, externalId: lead.externalId, ...(note ? { note } : {}) };
    if (random() < 0.2) {
      events.push({ ...base, type: 'registration' });
      continue;
    }
    const currency = pick(random, CURRENCIES);
    const type: EventType = hasDeposit.get(lead.name) ? 'redeposit' : 'deposit';
    hasDeposit.set(lead.name, true);
    events.push({ ...base, type, currency: currency.code, ...money(random, currency.decimals) });
  }
  return events;
}
