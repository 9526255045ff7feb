import { describe, expect, it } from 'vitest';
import { choicesIn, currencyGroups, currencyName } from '../../lib/domain/currency-choices';
import { CURRENCY_CODES } from '../../lib/schemas';

describe('currency names and filtering', () => {
  it('names currencies in the UI language, crypto by the coins’ own names', () => {
    expect(currencyName('RUB', 'ru')).toMatch(/российский рубль/i);
    expect(currencyName('USD', 'en')).toBe('US Dollar');
    expect(['USDT', 'USDC', 'BTC', 'ETH', 'TON', 'TRX', 'LTC'].map((code) => currencyName(code, 'ru'))).toEqual([
      'Tether',
      'USD Coin',
      'Bitcoin',
      'Ether',
      'Toncoin',
      'TRON',
      'Litecoin',
    ]);
  });

  it('finds by the Russian name in a Russian UI, and by the English one too', () => {
    expect(choicesIn(currencyGroups([], 'ru', 'рубл')).map((choice) => choice.code)).toEqual(
      expect.arrayContaining(['RUB', 'BYN']),
    );
    expect(choicesIn(currencyGroups([], 'ru', 'tenge'))[0]?.code).toBe('KZT');
  });

  it('offers every code the platform takes exactly once, likely ones first', () => {
    const groups = currencyGroups(['EUR', 'USDT', 'EUR', 'XXX'], 'en');
    expect(groups.recent.map((choice) => choice.code)).toEqual(['EUR', 'USDT']);
    expect(
      choicesIn(groups)
        .map((choice) => choice.code)
        .sort(),
    ).toEqual([...CURRENCY_CODES].sort());
  });
});
