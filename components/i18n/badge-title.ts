import { resolveLocale } from '../../lib/domain/language';
import type { Language, OutboxSummary } from '../../lib/schemas';
import { badgeText } from './badge-text';
import { fillPlaceholders, type TextValues } from './placeholders';
import type { Locale } from './translate';

const say = (locale: Locale, id: keyof (typeof badgeText)['en'], values?: TextValues) =>
  fillPlaceholders(badgeText[locale][id], values);

/** The toolbar button's tooltip: the extension's name, then how many events wait and how many failed, if any. */
export function badgeTitle(locale: Locale, { queued, failed }: Pick<OutboxSummary, 'queued' | 'failed'>): string {
  const parts = [
    queued > 0 ? say(locale, 'badge.queued', { count: queued }) : '',
    failed > 0 ? say(locale, 'badge.failed', { count: failed }) : '',
  ].filter(Boolean);
  return parts.length ? say(locale, 'badge.waiting', { counts: parts.join(', ') }) : say(locale, 'tracker.name');
}

/**
 * The tooltip in the language the settings choose when it is painted ('auto': the browser's), so it changes with them.
 * `language` reads the settings' choice; `browserLanguage` is `browser.i18n.getUILanguage`.
 */
export function badgeTitleFollowing(language: () => Promise<Language>, browserLanguage: () => string) {
  return async (counts: Pick<OutboxSummary, 'queued' | 'failed'>): Promise<string> =>
    badgeTitle(resolveLocale(await language(), browserLanguage()), counts);
}
