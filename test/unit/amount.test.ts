import { describe, expect, it } from 'vitest';
import { parseAmount } from '../../lib/schemas';

describe('parseAmount', () => {
  it.each([
    ['150', 'USD', 'en', '150'],
    ['150.5', 'USD', 'en', '150.5'],
    ['1,234.50', 'USD', 'en', '1234.5'],
    ['1 234,50', 'RUB', 'ru', '1234.5'],
    ['1\u00a0234', 'RUB', 'ru', '1234'],
    ['1 234.50', 'USD', 'en', '1234.5'],
    ['0.00000001', 'BTC', 'en', '0.00000001'],
    ['0,00000001', 'BTC', 'ru', '0.00000001'],
    ['007', 'USD', 'en', '7'],
    ['1500', 'JPY', 'ru', '1500'],
    ['12.5', 'HUF', 'en', '12.5'],
  ])('reads %s %s in %s as %s', (input, currency, language, expected) => {
    expect(parseAmount(input, currency, language as 'en' | 'ru')).toEqual({ ok: true, value: expected });
  });

  // Issue 14, finding 3: `12,500` USDT was logged as 12.5 and `1,234` KWD as 1.234, while in dollars they were read
  // a thousand times larger. The keystrokes now mean one amount in a language, whatever the currency.
  it.each(['USD', 'USDT', 'KWD', 'BTC', 'JPY', 'RUB'])(
    'reads 12,500 and 1,234 in English as thousands in %s',
    (currency) => {
      expect(parseAmount('12,500', currency, 'en')).toEqual({ ok: true, value: '12500' });
      expect(parseAmount('1,234', currency, 'en')).toEqual({ ok: true, value: '1234' });
    },
  );

  it.each(['USDT', 'KWD', 'BTC'])('reads 12,500 and 1,234 in Russian as decimals in %s', (currency) => {
    expect(parseAmount('12,500', currency, 'ru')).toEqual({ ok: true, value: '12.5' });
    expect(parseAmount('1,234', currency, 'ru')).toEqual({ ok: true, value: '1.234' });
  });

  it('reads what only one way of writing can mean, in either language', () => {
    expect(parseAmount('1.5', 'USD', 'ru')).toEqual({ ok: true, value: '1.5' });
    expect(parseAmount('1,234.50', 'USD', 'ru')).toEqual({ ok: true, value: '1234.5' });
    expect(parseAmount('1.234,50', 'EUR', 'en')).toEqual({ ok: true, value: '1234.5' });
    expect(parseAmount('1,5', 'USD', 'en')).toEqual({ ok: true, value: '1.5' });
  });

  it('asks instead of guessing when the text reads as two amounts in the language', () => {
    expect(parseAmount('12.500', 'USDT', 'ru')).toEqual({
      ok: false,
      rule: 'ambiguous',
      message: 'Could be 12.5 or 12500: type it as one of them',
      readings: ['12.5', '12500'],
    });
    expect(parseAmount('1.234', 'USD', 'ru')).toMatchObject({ rule: 'ambiguous', readings: ['1.234', '1234'] });
    // In English the point is the decimal point: one reading, whatever the currency allows.
    expect(parseAmount('12.500', 'USDT', 'en')).toEqual({ ok: true, value: '12.5' });
    expect(parseAmount('1.234', 'USD', 'en')).toMatchObject({ rule: 'too_many_decimals' });
  });

  it.each([
    ['', 'USD', 'empty'],
    ['abc', 'USD', 'not_a_number'],
    ['1e5', 'USD', 'not_a_number'],
    ['1,2,3', 'USD', 'not_a_number'],
    ['1.234.56', 'USD', 'not_a_number'],
    ['0', 'USD', 'zero'],
    ['0,00', 'USD', 'zero'],
    ['-5', 'USD', 'negative'],
    ['1.5', 'JPY', 'too_many_decimals'],
    ['1.0001', 'USD', 'too_many_decimals'],
    ['1234567890123', 'USD', 'too_large'],
  ])('rejects %s %s as %s in both languages', (input, currency, rule) => {
    for (const language of ['en', 'ru'] as const) {
      const result = parseAmount(input, currency, language);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.rule).toBe(rule);
    }
  });

  it('names the currency and its decimals when there are too many', () => {
    expect(parseAmount('1.5', 'JPY', 'en')).toMatchObject({ message: 'Too many decimals: JPY allows no decimals' });
    expect(parseAmount('1.0001', 'KWD', 'en')).toMatchObject({
      message: 'Too many decimals: KWD allows at most 3 decimals',
    });
  });
});
