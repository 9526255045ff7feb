import { RECENT_CURRENCIES_KEPT, stored, type RecentCurrencies } from '../schemas';
import { readStored, writeStored } from './stored-values';

export interface RecentCurrencyList {
  list(): Promise<RecentCurrencies>;
  /** The manager saved a deposit in this currency: it goes first, the oldest beyond the kept few drops off. */
  remember(currency: string): Promise<void>;
}

export function createRecentCurrencies(): RecentCurrencyList {
  let writing = Promise.resolve();
  const list = async () => (await readStored(stored.recentCurrencies)) ?? [];
  return {
    list,
    remember(currency) {
      // One write at a time: two deposits saved together must both be remembered.
      const attempt = writing.then(async () => {
        const current = await list();
        if (current[0] === currency) return;
        const next = [currency, ...current.filter((code) => code !== currency)].slice(0, RECENT_CURRENCIES_KEPT);
        await writeStored(stored.recentCurrencies, next);
      });
      writing = attempt.catch(() => undefined);
      return attempt;
    },
  };
}
