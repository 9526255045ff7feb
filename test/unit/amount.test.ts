import { describe, expect, it } from 'vitest';
import { parseAmount } from '../../lib/schemas';

describe('parseAmount', () => {
  it.each([
    ['150', 'USD', '150'],
    ['150.5', 'USD', '150.5'],
    ['1 234,50', 'RUB', '1234.5'],
    ['1,234.50', 'USD', '1234.5'],
    ['1.234,50', 'EUR', '1234.5'],
    ['1,234', 'USD', '1234'],
    ['1,234', 'KWD', '1.234'],
    ['1\u00a0234', 'RUB', '1234'],
    ['0.00000001', 'BTC', '0.00000001'],
    ['007', 'USD', '7'],
    ['1500', 'JPY', '1500'],
    ['12.5', 'HUF', '12.5'],
  ])('reads %s %s as %s', (input, currency, expected) => {
    expect(parseAmount(input, currency)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['', 'USD', 'empty'],
    ['abc', 'USD', 'not_a_number'],
    ['1e5', 'USD', 'not_a_number'],
    ['1,2,3', 'USD', 'not_a_number'],
    ['0', 'USD', 'zero'],
    ['0,00', 'USD', 'zero'],
    ['-5', 'USD', 'negative'],
    ['1.5', 'JPY', 'too_many_decimals'],
    ['1.0001', 'USD', 'too_many_decimals'],
    ['1234567890123', 'USD', 'too_large'],
  ])('rejects %s %s as %s', (input, currency, rule) => {
    const result = parseAmount(input, currency);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.rule).toBe(rule);
  });

  it('names the currency and its decimals when there are too many', () => {
    expect(parseAmount('1.5', 'JPY')).toMatchObject({ message: 'Too many decimals: JPY allows no decimals' });
    expect(parseAmount('1.0001', 'KWD')).toMatchObject({ message: 'Too many decimals: KWD allows at most 3 decimals' });
  });
});
