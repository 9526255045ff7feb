import { useMemo } from 'react';
import { useText } from '../i18n/text';
import { usePopup } from './usePopup';

/** The file an export saves: every set-aside value with its key, why and when, as JSON. */
const EXPORT_FILE = 'tracker-data-set-aside.json';

/**
 * Stored values that no longer read, set aside rather than dropped: the manager tries them again (an update may read
 * them now) or exports them, to hand to whoever can repair them.
 */
export function SetAsideRecords() {
  const t = useText();
  const setAside = usePopup((state) => state.setAside);
  const restoring = usePopup((state) => state.restoring);
  const restored = usePopup((state) => state.restored);
  const restore = usePopup((state) => state.restoreSetAside);
  const exported = useMemo(
    () => `data:application/json;charset=utf-8,${encodeURIComponent(JSON.stringify(setAside, null, 2))}`,
    [setAside],
  );
  if (setAside.length === 0 && !restored) return null;
  return (
    <div className="td-set-aside">
      {restored && <p className="td-muted">{t('popup.setAside.restored', restored)}</p>}
      {setAside.length > 0 && (
        <div className="td-actions">
          <button
            type="button"
            className="td-button"
            disabled={restoring}
            aria-busy={restoring || undefined}
            onClick={() => void restore()}
          >
            {t('popup.setAside.retry')}
          </button>
          <a className="td-button" href={exported} download={EXPORT_FILE}>
            {t('popup.setAside.export')}
          </a>
        </div>
      )}
    </div>
  );
}
