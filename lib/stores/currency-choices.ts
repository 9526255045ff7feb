import { CURRENCY_CODES } from '../schemas';

/** The currencies the form offers, the manager's likely ones first: the default, then every code the platform takes. */
export function currencyChoices(first: readonly string[]): string[] {
  return [...new Set([...first, ...CURRENCY_CODES])];
}
