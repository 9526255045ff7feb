/**
 * Where Telegram Web A runs: the manifest's content-script entry, the background's sender check and the adapter's URL
 * test all read this one list, which names no selector (the background bundle imports it and nothing else of the site).
 * Telegram Web K lives on the same origin at /k/; this pattern is what keeps the two adapters apart.
 */
export const TELEGRAM_A_MATCHES = ['https://web.telegram.org/a/*'] as const;
