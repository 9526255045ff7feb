import type { HistoryItem } from './event-history';

/** A deposit the manager or the bot flow logged, and a postback that may report the same payment. */
export interface PossibleDuplicate {
  logged: HistoryItem;
  postback: HistoryItem;
}

/** A partner's postback and the manager's entry for one payment rarely arrive further apart than a day. */
const WITHIN_MS = 24 * 60 * 60 * 1000;

const isPayment = (item: HistoryItem) => item.type === 'deposit' || item.type === 'redeposit';

/**
 * The amount as one decimal string whatever its writing (`150`, `150.00`, `0150.0` are all `150`), so the
 * platform's canonical amount and a partner's `150.00` compare equal; anything not a plain decimal matches nothing.
 */
function normalAmount(amount: string | undefined): string | undefined {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(amount?.trim() ?? '');
  if (!match) return undefined;
  const whole = match[1]!.replace(/^0+(?=\d)/, '');
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : whole;
}

/** Amount and currency together; undefined for an event that is not a payment or whose amount cannot be read. */
function paymentKey(item: HistoryItem): string | undefined {
  const amount = normalAmount(item.amount);
  if (!isPayment(item) || amount === undefined || !item.currency) return undefined;
  return `${amount} ${item.currency.toUpperCase()}`;
}

const gap = (a: HistoryItem, b: HistoryItem) => Math.abs(Date.parse(a.occurredAt) - Date.parse(b.occurredAt));

/**
 * Within one contact's history, the logged deposits (by hand or by the bot flow) and the postbacks that may be the
 * same payment: same amount and currency, at most 24 hours apart. Each event is paired at most once, the closest
 * pairs first, so two manual deposits and one postback of the same amount say so once, not twice.
 */
export function possibleDuplicates(history: readonly HistoryItem[]): PossibleDuplicate[] {
  const candidates: PossibleDuplicate[] = [];
  for (const logged of history) {
    if (logged.source === 'postback') continue;
    const key = paymentKey(logged);
    if (key === undefined) continue;
    for (const postback of history) {
      if (postback.source !== 'postback' || paymentKey(postback) !== key) continue;
      if (gap(logged, postback) <= WITHIN_MS) candidates.push({ logged, postback });
    }
  }
  const paired = new Set<string>();
  const pairs: PossibleDuplicate[] = [];
  for (const pair of candidates.sort((a, b) => gap(a.logged, a.postback) - gap(b.logged, b.postback))) {
    if (paired.has(pair.logged.id) || paired.has(pair.postback.id)) continue;
    paired.add(pair.logged.id).add(pair.postback.id);
    pairs.push(pair);
  }
  return pairs;
}

/** For each event of a possible duplicate, the other event of its pair: what its line in the history names. */
export function possibleDuplicateOf(history: readonly HistoryItem[]): ReadonlyMap<string, HistoryItem> {
  const other = new Map<string, HistoryItem>();
  for (const { logged, postback } of possibleDuplicates(history)) {
    other.set(logged.id, postback);
    other.set(postback.id, logged);
  }
  return other;
}
