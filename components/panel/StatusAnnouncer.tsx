import type { Announcement } from '../../lib/stores/panel-state';
import { sameContact } from '../../lib/domain/contact-key';
import { describeEvent } from '../format';
import { useLocale, useText, type Locale, type Translate } from '../i18n/text';
import { usePanel } from './usePanel';

function announcementText(t: Translate, locale: Locale, announcement: Announcement, openContactIsIts: boolean): string {
  if (announcement.kind === 'problem') return announcement.message;
  const { event, state, error } = announcement;
  const described = describeEvent(t, event, locale);
  const name = event.contact.displayName ?? event.contact.username ?? event.contact.externalId;
  const subject = openContactIsIts ? described : t('status.eventFor', { event: described, contact: name });
  if (state === 'sent') return t('status.sent', { event: subject });
  if (state === 'queued') return t('status.queued', { event: subject });
  return t('status.failed', { event: subject, reason: error?.message ?? '' }).trim();
}

/** The live region: says Sent, Queued or Failed as an event's state changes. Always in the page, so it is heard. */
export function StatusAnnouncer() {
  const t = useText();
  const locale = useLocale();
  const announcement = usePanel((state) => state.announcement);
  const contact = usePanel((state) => state.contact);
  const own = announcement?.kind === 'event' && sameContact(announcement.event.contact, contact);
  return (
    <p
      role="status"
      className={`td-status${announcement ? ` td-status-${announcement.kind === 'event' ? announcement.state : 'failed'}` : ''}`}
    >
      {announcement ? announcementText(t, locale, announcement, own) : ''}
    </p>
  );
}
