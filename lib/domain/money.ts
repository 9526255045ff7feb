import { CRYPTO_CURRENCIES, minorUnitsOf } from '../schemas';

/**
 * How an amount in this currency is shown: a crypto ticker after the number as typed (`0.5 BTC`), any other currency
 * in the language's currency style with its ISO 4217 decimals (ISO, not ICU: ICU shows HUF and IDR without them).
 */
export function currencyDisplay(code: string): { ticker: true } | { ticker: false; decimals: number } {
  if ((CRYPTO_CURRENCIES as readonly string[]).includes(code)) return { ticker: true };
  const decimals = minorUnitsOf(code);
  return decimals === undefined ? { ticker: true } : { ticker: false, decimals };
}
