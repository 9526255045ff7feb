import { RECENT_CURRENCIES_KEPT, stored, type RecentCurrencies } from '../schemas';
import { readStored, updateStored } from './storage';

export interface RecentCurrencyList {
  list(): Promise<RecentCurrencies>;
  /** The manager saved a deposit in this currency: it goes first, the oldest beyond the kept few drops off. */
  remember(currency: string): Promise<void>;
}

export function createRecentCurrencies(): RecentCurrencyList {
  return {
    list: async () => (await readStored(stored.recentCurrencies)) ?? [],
    // One read-modify-write under the storage lock: two deposits saved together are both remembered.
    remember: (currency) =>
      updateStored(stored.recentCurrencies, (current = []) =>
        current[0] === currency
          ? undefined
          : [currency, ...current.filter((code) => code !== currency)].slice(0, RECENT_CURRENCIES_KEPT),
      ),
  };
}
