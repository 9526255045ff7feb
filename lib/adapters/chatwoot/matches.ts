/**
 * Where Chatwoot Cloud runs: the manifest's content-script entry, the background's sender check and the adapter's URL
 * test all read this one list, which names no selector (the background bundle imports it and nothing else of the site).
 * Self-hosted installations are added by the manager and registered at run time.
 */
export const CHATWOOT_MATCHES = ['https://app.chatwoot.com/*'] as const;
