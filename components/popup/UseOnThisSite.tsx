import { useEffect } from 'react';
import { useStore } from 'zustand';
import type { ThisSiteStatus, ThisSiteStore } from '../../lib/stores/this-site-store';
import type { MessageId } from '../i18n/en';
import { useText } from '../i18n/text';

const OUTCOMES: Partial<Record<ThisSiteStatus['kind'], MessageId>> = {
  added: 'popup.useHere.added',
  denied: 'popup.useHere.denied',
  builtIn: 'popup.useHere.builtIn',
};

/** On a page Tracker Data does not run on yet: adds it, with a floating button, once the manager grants the host. */
export function UseOnThisSite({ store }: { store: ThisSiteStore }) {
  const t = useText();
  const status = useStore(store, (state) => state.status);
  const load = useStore(store, (state) => state.load);
  const addThisSite = useStore(store, (state) => state.useHere);
  useEffect(() => void load(), [load]);
  if (status.kind === 'unavailable') return null;

  const outcome = OUTCOMES[status.kind];
  const canUse =
    status.kind === 'offer' || status.kind === 'adding' || status.kind === 'denied' || status.kind === 'failed';
  return (
    <section className="td-this-site">
      {canUse && (
        <>
          <p className="td-muted">{t('popup.useHere.hint', { host: status.host })}</p>
          <div className="td-actions">
            {/* Not awaited: the permission request inside must start in this click. */}
            <button
              type="button"
              className="td-button"
              disabled={status.kind === 'adding'}
              onClick={() => void addThisSite()}
            >
              {t('popup.useHere')}
            </button>
          </div>
        </>
      )}
      {outcome && (
        <p
          role={status.kind === 'added' ? 'status' : 'alert'}
          className={status.kind === 'added' ? 'td-muted' : 'td-form-error'}
        >
          {t(outcome, { host: status.host })}
        </p>
      )}
      {status.kind === 'failed' && (
        <p role="alert" className="td-form-error">
          {status.message}
        </p>
      )}
    </section>
  );
}
