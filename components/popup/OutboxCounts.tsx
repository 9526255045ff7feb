import type { OutboxSummary } from '../../lib/schemas';
import { useText } from '../i18n/text';

/** How many saved events still wait to be sent, and how many the platform refused. */
export function OutboxCounts({ outbox }: { outbox: OutboxSummary }) {
  const t = useText();
  return (
    <div className="td-counts">
      <p role="status">{t('popup.counts', { queued: outbox.queued, failed: outbox.failed })}</p>
      {outbox.quarantined > 0 && (
        <p className="td-form-error">
          {t(outbox.quarantined === 1 ? 'popup.quarantined.one' : 'popup.quarantined', { count: outbox.quarantined })}
        </p>
      )}
    </div>
  );
}
