import { describe, expect, it } from 'vitest';
import { formatDecimal, formatMoney, formatTime } from '../../../components/format';

// Intl writes Russian groups and the space before ₽ as a no-break space (U+00A0), not the narrow one (U+202F).
const NBSP = '\u00a0';

describe('money as the language writes it', () => {
  it.each([
    ['1234.5', 'RUB', 'ru', `1${NBSP}234,50${NBSP}₽`],
    ['1234.5', 'USD', 'en', '$1,234.50'],
    ['150', 'USD', 'en', '$150.00'],
    ['150', 'USD', 'ru', `150,00${NBSP}$`],
    ['1234567.89', 'EUR', 'en', '€1,234,567.89'],
    ['1500', 'JPY', 'en', '¥1,500'],
    ['1.234', 'KWD', 'en', `KWD${NBSP}1.234`],
    ['12.5', 'HUF', 'en', `HUF${NBSP}12.50`],
  ])('%s %s in %s reads %j', (amount, currency, locale, expected) => {
    expect(formatMoney(amount, currency, locale as 'en' | 'ru')).toBe(expected);
  });

  it('shows crypto tickers after the number, with the digits as stored', () => {
    expect(formatMoney('0.5', 'BTC', 'en')).toBe('0.5 BTC');
    expect(formatMoney('0.5', 'BTC', 'ru')).toBe('0,5 BTC');
    expect(formatMoney('12500.00000001', 'USDT', 'en')).toBe('12,500.00000001 USDT');
  });

  it('keeps every digit of an amount no float could hold', () => {
    expect(formatMoney('999999999999.99', 'USD', 'en')).toBe('$999,999,999,999.99');
    expect(formatDecimal('123456789012.00000001', 'ru')).toBe(`123${NBSP}456${NBSP}789${NBSP}012,00000001`);
  });
});

describe('dates as the language writes them', () => {
  it('names the month in the language', () => {
    const when = '2026-11-25T12:30:00.000Z';
    expect(formatTime(when, 'ru')).toMatch(/25 нояб\. 2026/);
    expect(formatTime(when, 'en')).toMatch(/Nov 25, 2026/);
  });

  it('shows what it cannot read as it came', () => {
    expect(formatTime('not a time', 'ru')).toBe('not a time');
  });
});
