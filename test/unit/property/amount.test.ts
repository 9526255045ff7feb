import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CANONICAL_AMOUNT,
  MAX_INTEGER_DIGITS,
  minorUnitsOf,
  parseAmount,
  trackerEventInputSchema,
  type AmountLanguage,
  type AmountResult,
  type AmountRule,
} from '../../../lib/schemas';
import {
  amountParts,
  canonicalOf,
  currencyAndAmount,
  currencyCode,
  decimalsOf,
  digits,
  minorUnits,
  wholeNumber,
  type AmountParts,
} from './arbitraries';
import { runs } from './runs';

const RULES: readonly AmountRule[] = [
  'empty',
  'not_a_number',
  'ambiguous',
  'zero',
  'negative',
  'too_many_decimals',
  'too_large',
];
const LANGUAGES: readonly AmountLanguage[] = ['en', 'ru'];
const language = fc.constantFrom(...LANGUAGES);

/** Calls parseAmount as the form does, failing the property if it throws, and checks the answer's shape. */
function parse(input: string, currency: string, lang: AmountLanguage): AmountResult {
  let result: AmountResult | undefined;
  expect(() => {
    result = parseAmount(input, currency, lang);
  }).not.toThrow();
  if (!result) throw new Error('parseAmount returned nothing');
  if (result.ok) {
    expect(result.value).toMatch(CANONICAL_AMOUNT);
  } else {
    expect(RULES).toContain(result.rule);
    expect(result.message.trim()).not.toBe('');
    if (result.rule === 'ambiguous') {
      for (const reading of result.readings) expect(reading).toMatch(CANONICAL_AMOUNT);
      expect(result.readings[0]).not.toBe(result.readings[1]);
    }
  }
  return result;
}

function accepted(input: string, currency: string, lang: AmountLanguage): string {
  const result = parse(input, currency, lang);
  if (!result.ok)
    throw new Error(`${JSON.stringify(input)} ${currency} (${lang}) was refused as ${result.rule}: ${result.message}`);
  return result.value;
}

function refusedAs(input: string, currency: string, lang: AmountLanguage): AmountRule | undefined {
  const result = parse(input, currency, lang);
  return result.ok ? undefined : result.rule;
}

interface Writing {
  group: string;
  decimal: '.' | ',';
}

/** Spaces of every kind and the Swiss apostrophe group thousands in both languages. */
const SPACES = [' ', '\u00a0', '\u202f', '\u2009', "'"];

/** How each language writes an amount: its own decimal mark, and every thousands separator it takes (or none). */
const WRITINGS: Record<AmountLanguage, readonly Writing[]> = {
  en: ['', ',', ...SPACES].map((group) => ({ group, decimal: '.' })),
  ru: ['', ...SPACES].map((group) => ({ group, decimal: ',' })),
};

const languageAndWriting = language.chain((lang) =>
  fc.record({ lang: fc.constant(lang), writing: fc.constantFrom(...WRITINGS[lang]) }),
);

function write({ integer, fraction }: AmountParts, writing: Writing, padTo = 0): string {
  const grouped = integer.replace(/\B(?=(\d{3})+(?!\d))/g, writing.group);
  const shownFraction = fraction.padEnd(padTo, '0');
  return shownFraction ? `${grouped}${writing.decimal}${shownFraction}` : grouped;
}

function partsOf(canonical: string): AmountParts {
  const [integer = '0', fraction = ''] = canonical.split('.');
  return { integer, fraction };
}

/** Keys a manager might press in an amount field, weighted towards the ones that make numbers. */
const amountKey = fc.oneof(
  { arbitrary: fc.constantFrom(...'0123456789'), weight: 10 },
  { arbitrary: fc.constantFrom('.', ',', ' ', "'", '_', '\u00a0', '\u202f', '\u2009', '\t'), weight: 4 },
  { arbitrary: fc.constantFrom('-', '\u2212', '+', 'e', 'E', 'x', '$', '€', '٣', '１'), weight: 1 },
  { arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), weight: 1 },
);
const typedText = fc.oneof(
  fc.array(amountKey, { maxLength: 24 }).map((keys) => keys.join('')),
  fc.string({ unit: 'binary', maxLength: 40 }),
);
const anyCurrency = fc.oneof(
  currencyCode,
  fc.string({ maxLength: 8 }),
  fc.constantFrom('__proto__', 'constructor', 'usd', ''),
);

describe('parseAmount on anything typed', () => {
  it('never throws; an accepted amount is canonical, positive, within 12 digits and the currency’s decimals, and reads back the same', () => {
    fc.assert(
      fc.property(typedText, anyCurrency, languageAndWriting, (input, currency, { lang, writing }) => {
        const result = parse(input, currency, lang);
        if (!result.ok) return;
        const [integer = '', fraction = ''] = result.value.split('.');
        expect(integer.length).toBeLessThanOrEqual(MAX_INTEGER_DIGITS);
        expect(fraction.length).toBeLessThanOrEqual(minorUnitsOf(currency) ?? 2);
        expect(minorUnits(result.value, fraction.length)).toBeGreaterThan(0n);
        expect(parse(write(partsOf(result.value), writing), currency, lang)).toEqual(result);
      }),
      runs('amountNeverThrows'),
    );
  });

  it('means the same in every currency: the same keys are one amount, or one question, in a language', () => {
    fc.assert(
      fc.property(typedText, currencyCode, currencyCode, language, (input, first, second, lang) => {
        const [a, b] = [parse(input, first, lang), parse(input, second, lang)];
        if (a.ok && b.ok) expect(a.value).toBe(b.value);
        else if (a.ok || b.ok) {
          // Only the decimals a currency allows tell them apart: the amount is the same, one currency refuses it.
          const [taken, refused, refusing] = a.ok ? [a, b, second] : [b, a, first];
          if (!taken.ok || refused.ok) throw new Error('unreachable');
          expect(refused.rule).toBe('too_many_decimals');
          expect(taken.value.split('.')[1]?.length ?? 0).toBeGreaterThan(decimalsOf(refusing));
        } else {
          expect(a.rule).toBe(b.rule);
          if (a.rule === 'ambiguous' && b.rule === 'ambiguous') expect(a.readings).toEqual(b.readings);
        }
      }),
      runs('amountSameInEveryCurrency'),
    );
  });

  it('asks rather than guesses, and each answer it offers, typed in the language, is read as that amount', () => {
    const askedOften = fc.oneof(
      typedText,
      fc.tuple(wholeNumber(1), digits(0, 2), digits(3, 3)).map(([head, rest, tail]) => `${head}${rest}.${tail}`),
    );
    fc.assert(
      fc.property(askedOften, language, (input, lang) => {
        const result = parse(input, 'BTC', lang);
        if (result.ok || result.rule !== 'ambiguous') return;
        expect(lang).toBe('ru');
        for (const reading of result.readings) {
          const { integer, fraction } = partsOf(reading);
          const answer = parse(write({ integer, fraction }, { group: ' ', decimal: ',' }), 'BTC', lang);
          const expected =
            integer.length > MAX_INTEGER_DIGITS
              ? 'too_large'
              : fraction.length > decimalsOf('BTC')
                ? 'too_many_decimals'
                : reading;
          expect(answer.ok ? answer.value : answer.rule).toBe(expected);
        }
      }),
      runs('amountAmbiguousAsks'),
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
        lang: language,
      }),
    );
    fc.assert(
      fc.property(typed, ({ currency, integer, leadingZeros, fraction, padding, lang }) => {
        const decimals = decimalsOf(currency);
        const mark = WRITINGS[lang][0]?.decimal ?? '.';
        const text = '0'.repeat(leadingZeros) + integer.toString() + (fraction ? `${mark}${fraction}` : '');
        const expected = integer * 10n ** BigInt(decimals) + BigInt(fraction.padEnd(decimals, '0') || '0');
        if (expected === 0n) {
          expect(refusedAs(padding + text + padding, currency, lang)).toBe('zero');
          return;
        }
        expect(minorUnits(accepted(padding + text + padding, currency, lang), decimals)).toBe(expected);
      }),
      runs('amountTypedValue'),
    );
  });

  it('gives back a canonical amount unchanged in English', () => {
    fc.assert(
      fc.property(currencyAndAmount, ({ currency, amount }) => {
        expect(accepted(amount, currency, 'en')).toBe(amount);
      }),
      runs('amountCanonicalRoundTrip'),
    );
  });

  it('reads an amount written as its language writes it, with any of its thousands separators or none, in every currency', () => {
    fc.assert(
      fc.property(
        currencyAndAmount,
        languageAndWriting,
        fc.boolean(),
        ({ currency, parts, amount }, { lang, writing }, padFraction) => {
          const written = write(parts, writing, padFraction ? decimalsOf(currency) : 0);
          expect(accepted(written, currency, lang)).toBe(amount);
        },
      ),
      runs('amountFormattedStyles'),
    );
  });

  it('reads a comma before three digits as thousands in English and as the decimal comma in Russian, in every currency', () => {
    const grouped = fc.record({
      currency: currencyCode,
      head: fc.integer({ min: 1, max: 3 }).chain(wholeNumber),
      groups: fc.array(digits(3, 3), { minLength: 1, maxLength: 3 }),
    });
    fc.assert(
      fc.property(grouped, ({ currency, head, groups }) => {
        const typed = [head, ...groups].join(',');
        const thousands = head + groups.join('');
        expect(accepted(typed, currency, 'en')).toBe(thousands);
        const russian = parse(typed, currency, 'ru');
        if (groups.length > 1) {
          // Two commas cannot be one decimal comma: only the English way reads it.
          expect(russian).toEqual({ ok: true, value: thousands });
          return;
        }
        const decimal = `${head}.${groups[0] ?? ''}`.replace(/\.?0+$/, '');
        const decimals = decimal.split('.')[1]?.length ?? 0;
        expect(russian.ok ? russian.value : russian.rule).toBe(
          decimals <= decimalsOf(currency) ? decimal : 'too_many_decimals',
        );
      }),
      runs('amountCommaGroups'),
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
        writing: languageAndWriting,
      }),
    );
    fc.assert(
      fc.property(tooPrecise, ({ currency, integer, fraction, writing: { lang, writing } }) => {
        const typed = write({ integer, fraction }, writing);
        expect(refusedAs(typed, currency, lang)).toBe('too_many_decimals');
        expect(parse(typed, currency, lang)).toMatchObject({ message: expect.stringContaining(currency) });
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
        writing: languageAndWriting,
      }),
    );
    fc.assert(
      fc.property(huge, ({ currency, parts, writing: { lang, writing } }) => {
        expect(refusedAs(write(parts, writing), currency, lang)).toBe('too_large');
      }),
      runs('amountTooLarge'),
    );
  });

  it('refuses negative amounts and numbers in exponent form', () => {
    const signed = fc.record({
      money: currencyAndAmount,
      minus: fc.constantFrom('-', '\u2212', ' -', '- '),
      exponent: fc.tuple(fc.constantFrom('e', 'E', 'e+', 'e-'), digits(1, 3)).map(([mark, power]) => mark + power),
      writing: languageAndWriting,
    });
    fc.assert(
      fc.property(signed, ({ money: { parts, currency }, minus, exponent, writing: { lang, writing } }) => {
        expect(refusedAs(minus + write(parts, writing), currency, lang)).toBe('negative');
        expect(refusedAs(write(parts, writing) + exponent, currency, lang)).toBe('not_a_number');
      }),
      runs('amountSignsAndExponents'),
    );
  });

  it('accepts only what the platform’s contract accepts: every parsed amount passes the event schema', () => {
    fc.assert(
      fc.property(typedText, currencyCode, language, (input, currency, lang) => {
        const result = parse(input, currency, lang);
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
  it('reads the Swiss apostrophe as a thousands group in every currency and both languages, even one with three decimals', () => {
    for (const lang of LANGUAGES) {
      expect(parseAmount("1'234", 'KWD', lang)).toEqual({ ok: true, value: '1234' });
      expect(parseAmount("1'234", 'USD', lang)).toEqual({ ok: true, value: '1234' });
    }
    expect(parseAmount("12'345'678.5", 'BTC', 'en')).toEqual({ ok: true, value: '12345678.5' });
  });

  it('reads `12,500` USDT as twelve thousand five hundred in English, as it reads `12,500` USD (issue 14, finding 3)', () => {
    expect(parseAmount('12,500', 'USDT', 'en')).toEqual(parseAmount('12,500', 'USD', 'en'));
    expect(parseAmount('1,234', 'KWD', 'en')).toEqual({ ok: true, value: '1234' });
  });
});

// Keeps the canonical-part generator honest: it makes what parseAmount's own rule calls canonical.
it('generates canonical amounts', () => {
  fc.assert(
    fc.property(
      currencyCode.chain((currency) => amountParts(decimalsOf(currency))),
      (parts) => {
        expect(canonicalOf(parts)).toMatch(CANONICAL_AMOUNT);
      },
    ),
    runs('canonicalGenerator'),
  );
});
