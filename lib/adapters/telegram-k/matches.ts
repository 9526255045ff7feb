/**
 * Where Telegram Web K runs: the manifest's content-script entry, the background's sender check and the adapter's URL
 * test all read this one list, which names no selector (the background bundle imports it and nothing else of the site).
 * Telegram Web A lives on the same origin at /a/; this pattern is what keeps the two adapters apart.
 */
export const TELEGRAM_K_MATCHES = ['https://web.telegram.org/k/*'] as const;
