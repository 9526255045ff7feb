import { CRYPTO_CURRENCIES, CURRENCY_CODES } from '../schemas';

/** The currencies the form offers, the manager's likely ones first: the default, then every code the platform takes. */
export function currencyChoices(first: readonly string[]): string[] {
  return [...new Set([...first, ...CURRENCY_CODES])];
}

/** Intl has no names for crypto tickers; these are the names the coins go by. */
const CRYPTO_NAMES: Readonly<Record<(typeof CRYPTO_CURRENCIES)[number], string>> = {
  USDT: 'Tether',
  USDC: 'USD Coin',
  BTC: 'Bitcoin',
  ETH: 'Ether',
  TON: 'Toncoin',
  TRX: 'TRON',
  LTC: 'Litecoin',
};

const displayNames = new Map<string, Intl.DisplayNames | undefined>();

function namesIn(language: string): Intl.DisplayNames | undefined {
  if (!displayNames.has(language)) {
    let names: Intl.DisplayNames | undefined;
    try {
      names = new Intl.DisplayNames([language], { type: 'currency', fallback: 'none' });
    } catch {
      names = undefined;
    }
    displayNames.set(language, names);
  }
  return displayNames.get(language);
}

/** The currency's name in the language ("US Dollar", "доллар США"), or undefined when neither Intl nor we know one. */
export function currencyName(code: string, language: string): string | undefined {
  if (Object.hasOwn(CRYPTO_NAMES, code)) return CRYPTO_NAMES[code as keyof typeof CRYPTO_NAMES];
  return namesIn(language)?.of(code);
}

export interface CurrencyChoice {
  code: string;
  /** The name in the UI's language; undefined for a code Intl does not name. */
  name: string | undefined;
}

export interface CurrencyGroups {
  /** The default currency and the recently saved ones, in that order. */
  recent: CurrencyChoice[];
  /** Every other currency the platform takes, by code. */
  all: CurrencyChoice[];
}

const normalized = (text: string) => text.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase();

/**
 * How well a currency matches what the manager typed, lower is better, undefined for no match: its code first, then a
 * word of its name (in the UI's language or in English, which managers often type), then anywhere.
 */
function rank(code: string, names: readonly string[], query: string): number | undefined {
  const lowerCode = code.toLowerCase();
  if (lowerCode === query) return 0;
  if (lowerCode.startsWith(query)) return 1;
  const words = names.map(normalized);
  if (words.some((name) => name.split(/[\s()-]+/).some((word) => word.startsWith(query)))) return 2;
  if (lowerCode.includes(query) || words.some((name) => name.includes(query))) return 3;
  return undefined;
}

/**
 * The picker's choices: the manager's likely ones (`first`: the default, then the recent ones) in their own group,
 * then all the rest by code; with a query, only what matches it, best matches first.
 */
export function currencyGroups(first: readonly string[], language: string, query = ''): CurrencyGroups {
  const likely = [...new Set(first)].filter((code) => CURRENCY_CODES.includes(code));
  const rest = [...CURRENCY_CODES].filter((code) => !likely.includes(code)).sort();
  const choice = (code: string): CurrencyChoice => ({ code, name: currencyName(code, language) });
  const wanted = normalized(query.trim());
  if (!wanted) return { recent: likely.map(choice), all: rest.map(choice) };

  const matching = (codes: readonly string[]) =>
    codes
      .map((code) => {
        const names = [currencyName(code, language), currencyName(code, 'en')].filter((name): name is string => !!name);
        return { code, rank: rank(code, names, wanted) };
      })
      .filter((match): match is { code: string; rank: number } => match.rank !== undefined)
      .sort((a, b) => a.rank - b.rank)
      .map((match) => choice(match.code));
  return { recent: matching(likely), all: matching(rest) };
}

export const choicesIn = (groups: CurrencyGroups): CurrencyChoice[] => [...groups.recent, ...groups.all];
