/**
 * The toolbar button's words in each language. The background shows only these, so it carries only these: the UI's
 * whole tables would add both languages' every string to the service worker. The tables take them in as they are.
 */
export const badgeText = {
  en: {
    'tracker.name': 'Tracker Data',
    'badge.waiting': 'Tracker Data — {counts}',
    'badge.queued': '{count} queued',
    'badge.failed': '{count} failed',
  },
  ru: {
    'tracker.name': 'Tracker Data',
    'badge.waiting': 'Tracker Data — {counts}',
    'badge.queued': '{count} в очереди',
    'badge.failed': '{count} с ошибкой',
  },
} as const;
