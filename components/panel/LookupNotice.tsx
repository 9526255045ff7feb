import type { LookupState } from '../../lib/domain/contact-lookup';
import { useText } from '../i18n/text';
import { usePanel } from './usePanel';

/** What the panel says when the platform has no tracker data to show: still loading, unknown, signed out, failed. */
export function LookupNotice({ lookup }: { lookup: LookupState }) {
  const t = useText();
  const reload = usePanel((state) => state.reload);
  // Signed out with this contact's events still queued: they go once the manager signs in, and the panel says so.
  const waitingToSend = usePanel((state) => state.outbox.some((record) => record.state === 'queued'));
  switch (lookup.status) {
    case 'loading':
      return <p className="td-muted">{t('panel.loading')}</p>;
    case 'unknown':
      return (
        <div className="td-notice">
          <p className="td-notice-title">{t('panel.unknown')}</p>
          <p>{t('panel.unknownHint')}</p>
        </div>
      );
    case 'signedOut':
      return (
        <p className="td-notice td-notice-warning">{t(waitingToSend ? 'panel.signedOutQueued' : 'panel.signedOut')}</p>
      );
    case 'error':
      return (
        <div className="td-notice td-notice-warning">
          <p>{t('panel.lookupFailed', { message: lookup.message })}</p>
          <button type="button" className="td-button" onClick={reload}>
            {t('panel.tryAgain')}
          </button>
        </div>
      );
    default:
      return null;
  }
}
