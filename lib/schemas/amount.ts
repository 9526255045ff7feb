import { minorUnitsOf } from './currency';

/** Integer digits the platform accepts (contract: at most 12). */
export const MAX_INTEGER_DIGITS = 12;

export type AmountRule = 'empty' | 'not_a_number' | 'zero' | 'negative' | 'too_many_decimals' | 'too_large';

export type AmountResult =
  | { ok: true; value: string }
  | { ok: false; rule: AmountRule; message: string };

/** A canonical amount: no sign, no leading zeros, no trailing fraction zeros, '.' as decimal point. */
export const CANONICAL_AMOUNT = /^(0|[1-9]\d*)(\.\d*[1-9])?$/;

const GROUP_MARKS = /[\s\u00a0\u202f\u2009']/g;

function fail(rule: AmountRule, message: string): AmountResult {
  return { ok: false, rule, message };
}

/**
 * Reads what a manager typed — `150`, `150.5`, `1 234,50`, `1,234.50`, `1.234,50`, `1'234.50` — into a canonical
 * decimal string.
 * With one kind of separator used once, it is the decimal point, except a `,` or `.` followed by exactly three digits
 * when the currency allows fewer decimals (then `1,234` is one thousand two hundred thirty-four dollars).
 */
export function parseAmount(input: string, currency: string): AmountResult {
  const decimals = minorUnitsOf(currency) ?? 2;
  const trimmed = input.trim();
  if (trimmed === '') return fail('empty', 'Enter an amount');
  if (/^[-\u2212]/.test(trimmed)) return fail('negative', 'The amount must be positive');
  // Spaces and the Swiss apostrophe only ever group thousands: `1'234` is 1234 even in a three-decimal currency.
  const compact = trimmed.replace(GROUP_MARKS, '_');
  const split = splitDecimal(compact, decimals);
  if (!split) return fail('not_a_number', 'Not a number: use digits with one decimal separator, like 1234.50');
  const integer = split.integer.replace(/^0+(?=\d)/, '');
  const fraction = split.fraction.replace(/0+$/, '');
  if (integer.length > MAX_INTEGER_DIGITS) {
    return fail('too_large', `Too large: at most ${MAX_INTEGER_DIGITS} digits before the decimal point`);
  }
  if (fraction.length > decimals) {
    const allowed = decimals === 0 ? 'no decimals' : `at most ${decimals} decimal${decimals === 1 ? '' : 's'}`;
    return fail('too_many_decimals', `Too many decimals: ${currency} allows ${allowed}`);
  }
  if (/^0+$/.test(integer) && fraction === '') return fail('zero', 'The amount must be greater than zero');
  return { ok: true, value: fraction === '' ? integer : `${integer}.${fraction}` };
}

function splitDecimal(text: string, decimals: number): { integer: string; fraction: string } | undefined {
  if (!/^[\d_.,]+$/.test(text) || !/\d/.test(text)) return undefined;
  const separators = text.replace(/[\d]/g, '');
  const lastMark = Math.max(text.lastIndexOf('.'), text.lastIndexOf(','));
  const marks = separators.replace(/_/g, '');
  const kinds = new Set(marks);
  let decimalAt = -1;
  if (kinds.size === 2) {
    decimalAt = lastMark;
  } else if (marks.length === 1) {
    const after = text.slice(lastMark + 1);
    const looksGrouped = /^\d{3}$/.test(after) && decimals < 3 && /^[1-9]\d{0,2}$/.test(text.slice(0, lastMark));
    decimalAt = looksGrouped ? -1 : lastMark;
  }
  const integerText = decimalAt === -1 ? text : text.slice(0, decimalAt);
  const fraction = decimalAt === -1 ? '' : text.slice(decimalAt + 1);
  if (!/^\d*$/.test(fraction)) return undefined;
  const integer = ungroup(integerText);
  if (integer === undefined || (integer === '' && fraction === '')) return undefined;
  return { integer: integer === '' ? '0' : integer, fraction };
}

/** Digits with optional thousands groups (`1,234,567`, `1 234`); any other use of a separator is not a number. */
function ungroup(text: string): string | undefined {
  if (/^\d*$/.test(text)) return text;
  if (!/^\d{1,3}([_.,]\d{3})+$/.test(text)) return undefined;
  if (new Set(text.replace(/\d/g, '')).size !== 1) return undefined;
  return text.replace(/[_.,]/g, '');
}
