import { useId } from 'react';
import { useText } from '../i18n/text';
import { OutboxRecordItem } from './OutboxRecordItem';
import { usePopup } from './usePopup';

/** The events the badge counts: still queued here, or refused by the platform and waiting for the manager. */
export function WaitingEvents() {
  const t = useText();
  const headingId = useId();
  const waiting = usePopup((state) => state.waiting);
  if (waiting.length === 0) return null;
  return (
    <section className="td-popup-events" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('popup.waiting.heading')}</h2>
      <ul className="td-events" aria-labelledby={headingId}>
        {waiting.map((record) => (
          <OutboxRecordItem key={record.event.id} record={record} />
        ))}
      </ul>
    </section>
  );
}
