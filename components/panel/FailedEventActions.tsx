import { useState } from 'react';
import type { HistoryItem } from '../../lib/domain/event-history';
import type { MessageId } from '../i18n/en';
import { useText } from '../i18n/text';
import { usePanel } from './usePanel';

const HELP: Readonly<Record<string, MessageId>> = {
  deposit_exists: 'failed.help.deposit_exists',
  validation_failed: 'failed.help.validation_failed',
  idempotency_conflict: 'failed.help.idempotency_conflict',
};

/** Why the platform refused an event, what the manager can do about it, and the buttons to do it. */
export function FailedEventActions({ item }: { item: HistoryItem }) {
  const t = useText();
  const busy = usePanel((state) => state.busyIds.includes(item.id));
  const resendAsRedeposit = usePanel((state) => state.resendAsRedeposit);
  const retry = usePanel((state) => state.retry);
  const dismiss = usePanel((state) => state.dismiss);
  const [confirming, setConfirming] = useState(false);
  const code = item.error?.code ?? '';
  const fieldMessages = Object.entries(item.error?.fields ?? {});
  const canResend = item.type === 'deposit' && code === 'deposit_exists';

  return (
    <div className="td-failure">
      {item.error && <p>{t('failed.reason', { reason: item.error.message })}</p>}
      {fieldMessages.length > 0 && (
        <ul className="td-failure-fields">
          {fieldMessages.map(([field, message]) => (
            <li key={field}>
              {field}: {message}
            </li>
          ))}
        </ul>
      )}
      <p className="td-muted">{t(HELP[code] ?? 'failed.help.other')}</p>
      {confirming ? (
        <div className="td-actions" role="group" aria-label={t('failed.dismissQuestion')}>
          <span>{t('failed.dismissQuestion')}</span>
          <button
            type="button"
            className="td-button td-button-danger"
            disabled={busy}
            onClick={() => void dismiss(item.id)}
          >
            {t('failed.dismissConfirm')}
          </button>
          <button type="button" className="td-button" onClick={() => setConfirming(false)}>
            {t('failed.dismissCancel')}
          </button>
        </div>
      ) : (
        <div className="td-actions">
          {canResend ? (
            <button
              type="button"
              className="td-button td-button-primary"
              disabled={busy}
              onClick={() => void resendAsRedeposit(item.id)}
            >
              {t('failed.resendAsRedeposit')}
            </button>
          ) : (
            <button type="button" className="td-button" disabled={busy} onClick={() => void retry(item.id)}>
              {t('failed.retry')}
            </button>
          )}
          <button type="button" className="td-button" disabled={busy} onClick={() => setConfirming(true)}>
            {t('failed.dismiss')}
          </button>
        </div>
      )}
    </div>
  );
}
