/**
 * Where WhatsApp Web runs: the manifest's content-script entry, the background's sender check and the adapter's URL
 * test all read this one list, which names no selector (the background bundle imports it and nothing else of the site).
 * WhatsApp Web keeps one URL (https://web.whatsapp.com/) whatever chat is open: the page, not the URL, says who.
 */
export const WHATSAPP_MATCHES = ['https://web.whatsapp.com/*'] as const;
