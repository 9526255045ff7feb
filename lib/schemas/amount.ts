import { minorUnitsOf } from './currency';
import type { Language } from './settings';

/** Integer digits the platform accepts (contract: at most 12). */
export const MAX_INTEGER_DIGITS = 12;

/** The language an amount is read in: the panel's. */
export type AmountLanguage = Exclude<Language, 'auto'>;

export type AmountRule =
  'empty' | 'not_a_number' | 'ambiguous' | 'zero' | 'negative' | 'too_many_decimals' | 'too_large';

export type AmountResult =
  | { ok: true; value: string }
  | { ok: false; rule: Exclude<AmountRule, 'ambiguous'>; message: string }
  /** The typed text reads as two different amounts; `readings` are both, canonical, for the manager to choose. */
  | { ok: false; rule: 'ambiguous'; message: string; readings: [string, string] };

/** A canonical amount: no sign, no leading zeros, no trailing fraction zeros, '.' as decimal point. */
export const CANONICAL_AMOUNT = /^(0|[1-9]\d*)(\.\d*[1-9])?$/;

/** Spaces (plain, no-break, narrow, thin) and the Swiss apostrophe group thousands in every language, never more. */
const GROUP_SPACES = /[\s\u00a0\u202f\u2009']/g;
const SPACE_GROUP = '_';

/** How a language writes numbers: its decimal mark, and the mark that groups thousands besides spaces (if any). */
interface NumberWriting {
  decimal: '.' | ',';
  group: '.' | ',' | '';
}

/** English: `1,234.50`. Russian: `1 234,50` (a point never groups). */
const WRITING: Record<AmountLanguage, NumberWriting> = {
  en: { decimal: '.', group: ',' },
  ru: { decimal: ',', group: '' },
};

/**
 * The two ways numbers are written that the language's own does not cover: `1,234.50` and `1.234,50`. What the
 * language's rule refuses is read both ways; one reading is the amount, two are a question for the manager.
 */
const OTHER_WRITINGS: readonly NumberWriting[] = [
  { decimal: '.', group: ',' },
  { decimal: ',', group: '.' },
];

const EXAMPLE: Record<AmountLanguage, string> = { en: '1,234.50', ru: '1 234,50' };

function fail(rule: Exclude<AmountRule, 'ambiguous'>, message: string): AmountResult {
  return { ok: false, rule, message };
}

/**
 * Reads what a manager typed into a canonical decimal string, by the panel's language and the same for every
 * currency: in English `,` groups thousands and `.` is the decimal point (`12,500` is twelve thousand five hundred);
 * in Russian spaces group and `,` is the decimal comma (`12,5` is twelve and a half). Spaces group in both. Text the
 * language's rule does not read is read as `1,234.50` and as `1.234,50`: when only one of them reads it, that is the
 * amount (`1.5` in Russian, `1.234,50` in English); when both do, differently (`12.500` in Russian: 12.5 or 12500),
 * the answer is `ambiguous` with both readings, never a guess.
 */
export function parseAmount(input: string, currency: string, language: AmountLanguage): AmountResult {
  const decimals = minorUnitsOf(currency) ?? 2;
  const trimmed = input.trim();
  if (trimmed === '') return fail('empty', 'Enter an amount');
  if (/^[-\u2212]/.test(trimmed)) return fail('negative', 'The amount must be positive');
  const compact = trimmed.replace(GROUP_SPACES, SPACE_GROUP);
  const own = readAs(compact, WRITING[language]);
  const readings = own ? [own] : distinct(OTHER_WRITINGS.map((writing) => readAs(compact, writing)));
  const [first, second] = readings;
  if (!first)
    return fail('not_a_number', `Not a number: use digits with one decimal separator, like ${EXAMPLE[language]}`);
  if (second) {
    return {
      ok: false,
      rule: 'ambiguous',
      message: `Could be ${first} or ${second}: type it as one of them`,
      readings: [first, second],
    };
  }
  const [integer = '0', fraction = ''] = first.split('.');
  if (integer.length > MAX_INTEGER_DIGITS) {
    return fail('too_large', `Too large: at most ${MAX_INTEGER_DIGITS} digits before the decimal point`);
  }
  if (fraction.length > decimals) {
    const allowed = decimals === 0 ? 'no decimals' : `at most ${decimals} decimal${decimals === 1 ? '' : 's'}`;
    return fail('too_many_decimals', `Too many decimals: ${currency} allows ${allowed}`);
  }
  if (first === '0') return fail('zero', 'The amount must be greater than zero');
  return { ok: true, value: first };
}

function distinct(readings: readonly (string | undefined)[]): string[] {
  return [...new Set(readings.filter((reading): reading is string => reading !== undefined))];
}

/** The canonical amount the text is in this way of writing, or undefined when it is not written that way. */
function readAs(text: string, writing: NumberWriting): string | undefined {
  const [integerText = '', fraction, extra] = text.split(writing.decimal);
  if (extra !== undefined || !/^\d*$/.test(fraction ?? '')) return undefined;
  const integer = ungroup(integerText, writing.group);
  if (integer === undefined || (integer === '' && !fraction)) return undefined;
  const whole = integer.replace(/^0+(?=\d)/, '') || '0';
  const decimals = (fraction ?? '').replace(/0+$/, '');
  return decimals ? `${whole}.${decimals}` : whole;
}

/** Digits with optional thousands groups (`1,234,567`, `1 234`), each group one kind of mark; else not a number. */
function ungroup(text: string, group: NumberWriting['group']): string | undefined {
  if (/^\d*$/.test(text)) return text;
  const marks = new Set(text.replace(/\d/g, ''));
  const [mark] = marks;
  if (marks.size !== 1 || (mark !== SPACE_GROUP && mark !== group)) return undefined;
  if (!/^\d{1,3}(\D\d{3})+$/.test(text)) return undefined;
  return text.replace(/\D/g, '');
}
