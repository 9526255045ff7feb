import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CANONICAL_AMOUNT,
  MAX_INTEGER_DIGITS,
  minorUnitsOf,
  parseAmount,
  trackerEventInputSchema,
  type AmountResult,
  type AmountRule,
} from '../../../lib/schemas';
import { amountParts, canonicalOf, currencyAndAmount, currencyCode, decimalsOf, digits, minorUnits, wholeNumber, type AmountParts } from './arbitraries';
import { runs } from './runs';

const RULES: readonly AmountRule[] = ['empty', 'not_a_number', 'zero', 'negative', 'too_many_decimals', 'too_large'];

/** Calls parseAmount as the form does, failing the property if it throws, and checks the answer's shape. */
function parse(input: string, currency: string): AmountResult {
  let result: AmountResult | undefined;
  expect(() => {
    result = parseAmount(input, currency);
  }).not.toThrow();
  if (!result) throw new Error('parseAmount returned nothing');
  if (result.ok) {
    expect(result.value).toMatch(CANONICAL_AMOUNT);
  } else {
    expect(RULES).toContain(result.rule);
    expect(result.message.trim()).not.toBe('');
  }
  return result;
}

function accepted(input: string, currency: string): string {
  const result = parse(input, currency);
  if (!result.ok) throw new Error(`${JSON.stringify(input)} ${currency} was refused as ${result.rule}: ${result.message}`);
  return result.value;
}

function refusedAs(input: string, currency: string): AmountRule | undefined {
  const result = parse(input, currency);
  return result.ok ? undefined : result.rule;
}

/** Keys a manager might press in an amount field, weighted towards the ones that make numbers. */
const amountKey = fc.oneof(
  { arbitrary: fc.constantFrom(...'0123456789'), weight: 10 },
  { arbitrary: fc.constantFrom('.', ',', ' ', "'", '_', '\u00a0', '\u202f', '\u2009', '\t'), weight: 4 },
  { arbitrary: fc.constantFrom('-', '\u2212', '+', 'e', 'E', 'x', '$', '€', '٣', '１'), weight: 1 },
  { arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), weight: 1 },
);
const typedText = fc.oneof(fc.array(amountKey, { maxLength: 24 }).map((keys) => keys.join('')), fc.string({ unit: 'binary', maxLength: 40 }));
const anyCurrency = fc.oneof(currencyCode, fc.string({ maxLength: 8 }), fc.constantFrom('__proto__', 'constructor', 'usd', ''));

describe('parseAmount on anything typed', () => {
  it('never throws; an accepted amount is canonical, positive, within 12 digits and the currency’s decimals, and reads back the same', () => {
    fc.assert(
      fc.property(typedText, anyCurrency, (input, currency) => {
        const result = parse(input, currency);
        if (!result.ok) return;
        const [integer = '', fraction = ''] = result.value.split('.');
        expect(integer.length).toBeLessThanOrEqual(MAX_INTEGER_DIGITS);
        expect(fraction.length).toBeLessThanOrEqual(minorUnitsOf(currency) ?? 2);
        expect(minorUnits(result.value, fraction.length)).toBeGreaterThan(0n);
        expect(parse(result.value, currency)).toEqual(result);
      }),
      runs('amountNeverThrows'),
    );
  });
});

describe('parseAmount on amounts', () => {
  it('reads a typed decimal as exactly its value, with leading and trailing zeros and spaces around', () => {
    const typed = currencyCode.chain((currency) =>
      fc.record({
        currency: fc.constant(currency),
        integer: fc.bigInt({ min: 0n, max: 10n ** BigInt(MAX_INTEGER_DIGITS) - 1n }),
        leadingZeros: fc.nat({ max: 3 }),
        // Up to the currency's decimals, zeros included: `150.50` is 150.5.
        fraction: digits(0, decimalsOf(currency)),
        padding: fc.constantFrom('', ' ', '  ', '\t'),
      }),
    );
    fc.assert(
      fc.property(typed, ({ currency, integer, leadingZeros, fraction, padding }) => {
        const decimals = decimalsOf(currency);
        const text = '0'.repeat(leadingZeros) + integer.toString() + (fraction ? `.${fraction}` : '');
        const expected = integer * 10n ** BigInt(decimals) + BigInt(fraction.padEnd(decimals, '0') || '0');
        if (expected === 0n) {
          expect(refusedAs(padding + text + padding, currency)).toBe('zero');
          return;
        }
        expect(minorUnits(accepted(padding + text + padding, currency), decimals)).toBe(expected);
      }),
      runs('amountTypedValue'),
    );
  });

  it('gives back a canonical amount unchanged', () => {
    fc.assert(
      fc.property(currencyAndAmount, ({ currency, amount }) => {
        expect(accepted(amount, currency)).toBe(amount);
      }),
      runs('amountCanonicalRoundTrip'),
    );
  });

  it('reads an amount written with thousands groups and a decimal comma or point, in every style the form takes', () => {
    fc.assert(
      fc.property(currencyAndAmount, fc.constantFrom(...STYLES), fc.boolean(), ({ currency, parts, amount }, style, padFraction) => {
        const decimals = decimalsOf(currency);
        const padTo = padFraction ? decimals : 0;
        fc.pre(!isAmbiguous(parts, style, decimals, padTo));
        const written = format(parts, style, padTo);
        expect(accepted(written, currency)).toBe(amount);
      }),
      runs('amountFormattedStyles'),
    );
  });

  it('refuses more decimals than the currency has, naming the currency', () => {
    const tooPrecise = currencyCode.chain((currency) =>
      fc.record({
        currency: fc.constant(currency),
        integer: fc.integer({ min: 1, max: MAX_INTEGER_DIGITS }).chain(wholeNumber),
        fraction: fc
          .tuple(digits(decimalsOf(currency), decimalsOf(currency) + 4), fc.constantFrom(...'123456789'))
          .map(([head, last]) => head + last),
      }),
    );
    fc.assert(
      fc.property(tooPrecise, ({ currency, integer, fraction }) => {
        // `1.234` in dollars is one thousand two hundred thirty-four: a group, not decimals.
        fc.pre(!(fraction.length === 3 && decimalsOf(currency) < 3 && integer.length <= 3));
        expect(refusedAs(`${integer}.${fraction}`, currency)).toBe('too_many_decimals');
        expect(parse(`${integer},${fraction}`, currency)).toMatchObject({ message: expect.stringContaining(currency) });
      }),
      runs('amountTooManyDecimals'),
    );
  });

  it('refuses 13 or more digits before the decimal point, however they are written', () => {
    const huge = currencyCode.chain((currency) =>
      fc.record({
        currency: fc.constant(currency),
        parts: fc.record({
          integer: fc.integer({ min: MAX_INTEGER_DIGITS + 1, max: 20 }).chain(wholeNumber),
          fraction: digits(0, decimalsOf(currency)).map((fraction) => fraction.replace(/0+$/, '')),
        }),
        style: fc.constantFrom(...STYLES),
      }),
    );
    fc.assert(
      fc.property(huge, ({ currency, parts, style }) => {
        expect(refusedAs(format(parts, style, 0), currency)).toBe('too_large');
      }),
      runs('amountTooLarge'),
    );
  });

  it('refuses negative amounts and numbers in exponent form', () => {
    const signed = fc.record({
      money: currencyAndAmount,
      minus: fc.constantFrom('-', '\u2212', ' -', '- '),
      exponent: fc.tuple(fc.constantFrom('e', 'E', 'e+', 'e-'), digits(1, 3)).map(([mark, power]) => mark + power),
    });
    fc.assert(
      fc.property(signed, ({ money: { amount, currency }, minus, exponent }) => {
        expect(refusedAs(minus + amount, currency)).toBe('negative');
        expect(refusedAs(amount + exponent, currency)).toBe('not_a_number');
      }),
      runs('amountSignsAndExponents'),
    );
  });

  it('accepts only what the platform’s contract accepts: every parsed amount passes the event schema', () => {
    fc.assert(
      fc.property(typedText, currencyCode, (input, currency) => {
        const result = parse(input, currency);
        if (!result.ok) return;
        const event = {
          id: '3f1c2b9e-8d4a-4f6b-9c1e-2a7d5e8f0b13',
          type: 'deposit',
          contact: { channel: 'telegram', externalId: '777001' },
          amount: result.value,
          currency,
          occurredAt: '2026-11-25T09:30:00.000Z',
        };
        expect(trackerEventInputSchema.safeParse(event).error?.issues).toBeUndefined();
      }),
      runs('amountAgreesWithContract'),
    );
  });
});

describe('parseAmount examples the properties found or rely on', () => {
  it("reads the Swiss apostrophe as a thousands group in every currency, even one with three decimals", () => {
    expect(parseAmount("1'234", 'KWD')).toEqual({ ok: true, value: '1234' });
    expect(parseAmount("1'234", 'USD')).toEqual({ ok: true, value: '1234' });
    expect(parseAmount("12'345'678.5", 'BTC')).toEqual({ ok: true, value: '12345678.5' });
  });

  it('reads one comma or point before three digits as decimals when the currency has three or more', () => {
    // `1,234` is ambiguous: in dollars it can only be a group; in dinars (3 decimals) the decimal reading wins.
    expect(parseAmount('1,234', 'USD')).toEqual({ ok: true, value: '1234' });
    expect(parseAmount('1,234', 'KWD')).toEqual({ ok: true, value: '1.234' });
    expect(parseAmount('1.234', 'BTC')).toEqual({ ok: true, value: '1.234' });
  });
});

interface Style {
  name: string;
  group: string;
  decimal: '.' | ',';
}

/** How people write amounts: the form takes each of these. */
const STYLES: readonly Style[] = [
  { name: 'plain', group: '', decimal: '.' },
  { name: 'plain, decimal comma', group: '', decimal: ',' },
  { name: 'English', group: ',', decimal: '.' },
  { name: 'German', group: '.', decimal: ',' },
  { name: 'Russian', group: ' ', decimal: ',' },
  { name: 'French', group: '\u202f', decimal: ',' },
  { name: 'no-break space', group: '\u00a0', decimal: ',' },
  { name: 'thin space, decimal point', group: '\u2009', decimal: '.' },
  { name: 'Swiss', group: "'", decimal: '.' },
];

function format({ integer, fraction }: AmountParts, style: Style, padTo: number): string {
  const grouped = integer.replace(/\B(?=(\d{3})+(?!\d))/g, style.group);
  const shownFraction = fraction.padEnd(padTo, '0');
  return shownFraction ? `${grouped}${style.decimal}${shownFraction}` : grouped;
}

/**
 * `1,234` or `1.234` with nothing after: a thousands group or three decimals. parseAmount reads it as decimals when
 * the currency has three or more (its documented rule), so such a whole amount can't be written that way there.
 */
function isAmbiguous({ integer, fraction }: AmountParts, style: Style, decimals: number, padTo: number): boolean {
  const oneGroup = integer.length > 3 && integer.length <= 6;
  const noFraction = fraction.padEnd(padTo, '0') === '';
  return (style.group === ',' || style.group === '.') && oneGroup && noFraction && decimals >= 3;
}

// Keeps the canonical-part generator honest: it makes what parseAmount's own rule calls canonical.
it('generates canonical amounts', () => {
  fc.assert(
    fc.property(currencyCode.chain((currency) => amountParts(decimalsOf(currency))), (parts) => {
      expect(canonicalOf(parts)).toMatch(CANONICAL_AMOUNT);
    }),
    runs('canonicalGenerator'),
  );
});
