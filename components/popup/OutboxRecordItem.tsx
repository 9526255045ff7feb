import type { OutboxRecord } from '../../lib/schemas';
import { describeEvent, formatTime } from '../format';
import { useLocale, useText } from '../i18n/text';

/** One event of the popup's lists: what, for whom, when, its state, and why the platform refused it if it did. */
export function OutboxRecordItem({ record, dismissed = false }: { record: OutboxRecord; dismissed?: boolean }) {
  const t = useText();
  const locale = useLocale();
  const { event, state, lastError } = record;
  const contact = event.contact.displayName || event.contact.username || event.contact.externalId;
  const when = new Date(dismissed ? (record.dismissedAt ?? record.updatedAt) : record.createdAt).toISOString();
  return (
    <li className={`td-event td-event-${state}`}>
      <div className="td-event-line">
        <span className="td-event-what">{describeEvent(t, event, locale)}</span>
        {!dismissed && <span className={`td-badge td-badge-${state}`}>{t(`state.${state}`)}</span>}
      </div>
      <div className="td-event-meta">
        <span>{contact}</span>
        <time dateTime={when}>
          {dismissed ? t('popup.dismissedAt', { time: formatTime(when, locale) }) : formatTime(when, locale)}
        </time>
      </div>
      {lastError && (state === 'failed' || dismissed) && (
        <p className="td-event-note">{t('failed.reason', { reason: lastError.message })}</p>
      )}
    </li>
  );
}
