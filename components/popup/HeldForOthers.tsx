import type { HeldForOthers as Held } from '../../lib/stores/popup-store';
import { useText } from '../i18n/text';
import { usePopup } from './usePopup';

/** Events another operator saved and left queued: the signed-in manager sends them as their own or keeps them. */
export function HeldForOthers() {
  const t = useText();
  const held = usePopup((state) => state.heldForOthers);
  const kept = usePopup((state) => state.keptFor);
  const adopting = usePopup((state) => state.adopting);
  const sendAsMe = usePopup((state) => state.sendAsMe);
  const keepFor = usePopup((state) => state.keepFor);
  if (held.length === 0) return null;

  const nameOf = ({ operator }: Held[number]) => operator?.name || operator?.email || t('popup.anotherOperator');
  return (
    <div className="td-held">
      {held.map((group) => {
        const name = nameOf(group);
        const waiting = t(group.count === 1 ? 'popup.heldForOther.one' : 'popup.heldForOther', { count: group.count, name });
        if (kept.includes(group.operatorId)) {
          return (
            <p key={group.operatorId} className="td-muted">
              {waiting}. {t('popup.keptFor', { name })}
            </p>
          );
        }
        const busy = adopting.includes(group.operatorId);
        return (
          <div key={group.operatorId} className="td-notice" role="group" aria-label={waiting}>
            <p>{waiting}</p>
            <div className="td-actions">
              <button
                type="button"
                className="td-button td-button-primary"
                disabled={busy}
                aria-busy={busy || undefined}
                onClick={() => void sendAsMe(group.operatorId)}
              >
                {t('popup.sendAsMe')}
              </button>
              <button type="button" className="td-button" disabled={busy} onClick={() => keepFor(group.operatorId)}>
                {t('popup.keepFor', { name })}
              </button>
            </div>
          </div>
        );
      })}
    </div>
  );
}
