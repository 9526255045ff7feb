import { useId } from 'react';
import { useText } from '../i18n/text';
import { OutboxRecordItem } from './OutboxRecordItem';
import { usePopup } from './usePopup';

/** Failed events the manager dismissed in the panel: gone from the chat, still on record here for a week. */
export function DismissedLog() {
  const t = useText();
  const headingId = useId();
  const dismissed = usePopup((state) => state.dismissed);
  if (dismissed.length === 0) return null;
  return (
    <section className="td-popup-events" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('popup.dismissed.heading')}</h2>
      <ul className="td-events" aria-labelledby={headingId}>
        {dismissed.map((record) => (
          <OutboxRecordItem key={record.event.id} record={record} dismissed />
        ))}
      </ul>
    </section>
  );
}
