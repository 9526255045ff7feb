import { browser } from 'wxt/browser';
import { coalesce } from '../domain/coalesce';
import { stored, type OutboxSummary } from '../schemas';
import type { Outbox } from './outbox';
import { watchKeys } from './storage';

/** Waiting events are shown in the extension's blue; one the platform refused turns the badge red. */
export const BADGE_COLOR_QUEUED = '#2b6fd6';
export const BADGE_COLOR_FAILED = '#d93025';

/** The toolbar button's tooltip in the UI's language, from how many events wait and how many failed. */
export type BadgeTitle = (counts: Pick<OutboxSummary, 'queued' | 'failed'>) => Promise<string>;

/** What the toolbar icon says about the outbox: how many events wait (queued or failed) and whether one failed. */
export function badgeOf({ queued, failed }: OutboxSummary): { text: string; color: string } {
  const waiting = queued + failed;
  return {
    text: waiting === 0 ? '' : waiting > 99 ? '99+' : String(waiting),
    color: failed > 0 ? BADGE_COLOR_FAILED : BADGE_COLOR_QUEUED,
  };
}

export interface OutboxBadge {
  /** Reads the outbox and sets the badge; calls made while one runs are folded into one more pass. */
  update(): Promise<void>;
}

export function createOutboxBadge(outbox: Pick<Outbox, 'summary'>, titleOf: BadgeTitle): OutboxBadge {
  /** What this worker last painted: most outbox writes leave the badge as it was, and painting costs three calls. */
  let painted: string | undefined;

  async function paint(): Promise<void> {
    const summary = await outbox.summary();
    const badge = { ...badgeOf(summary), title: await titleOf(summary) };
    const key = JSON.stringify(badge);
    if (key === painted) return;
    await Promise.all([
      browser.action.setBadgeText({ text: badge.text }),
      browser.action.setBadgeBackgroundColor({ color: badge.color }),
      browser.action.setTitle({ title: badge.title }),
    ]);
    painted = key;
  }

  return { update: coalesce(() => paint().catch(() => undefined)) };
}

/**
 * Keeps the badge in step with the outbox: set at worker start, and again after every write to an outbox key (the
 * outbox's writes land as storage changes, one per batch) or to the settings (the title follows the UI's language).
 * Register synchronously at worker start.
 */
export function keepBadgeInStep(outbox: Pick<Outbox, 'summary'>, titleOf: BadgeTitle): OutboxBadge {
  const badge = createOutboxBadge(outbox, titleOf);
  const outboxOrSettings = (key: string) =>
    key.startsWith(stored.outboxRecord.prefix) ||
    key.startsWith(stored.quarantined.prefix) ||
    key === stored.settings.key;
  watchKeys(stored.outboxRecord.area, (keys) => {
    if (keys.some(outboxOrSettings)) void badge.update();
  });
  void badge.update();
  return badge;
}
