import type { Operator } from '../../lib/schemas';
import type { HeldForOthers as Held } from '../../lib/stores/popup-store';
import { useText } from '../i18n/text';
import { usePopup } from './usePopup';

/**
 * Events another operator saved and left queued, or that were saved while nobody was signed in: never sent unasked.
 * The signed-in manager sends them as their own or leaves them waiting.
 */
export function HeldForOthers({ signedIn }: { signedIn: Operator }) {
  const t = useText();
  const held = usePopup((state) => state.heldForOthers);
  const kept = usePopup((state) => state.keptFor);
  const adopting = usePopup((state) => state.adopting);
  const sendAsMe = usePopup((state) => state.sendAsMe);
  const keepFor = usePopup((state) => state.keepFor);
  if (held.length === 0) return null;

  const nameOf = ({ operator }: Held[number]) => operator?.name || operator?.email || t('popup.anotherOperator');
  const myName = signedIn.name || signedIn.email;
  return (
    <div className="td-held">
      {held.map((group) => {
        const savedSignedOut = group.operatorId === null;
        const name = savedSignedOut ? myName : nameOf(group);
        const one = group.count === 1;
        const waiting = savedSignedOut
          ? t(one ? 'popup.heldSignedOut.one' : 'popup.heldSignedOut', { count: group.count, name })
          : t(one ? 'popup.heldForOther.one' : 'popup.heldForOther', { count: group.count, name });
        const key = group.operatorId ?? 'signed-out';
        if (kept.includes(group.operatorId)) {
          return (
            <p key={key} className="td-muted">
              {savedSignedOut ? t('popup.keptSignedOut') : `${waiting}. ${t('popup.keptFor', { name })}`}
            </p>
          );
        }
        const busy = adopting.includes(group.operatorId);
        return (
          <div key={key} className="td-notice" role="group" aria-label={waiting}>
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
                {savedSignedOut ? t('popup.notNow') : t('popup.keepFor', { name })}
              </button>
            </div>
          </div>
        );
      })}
    </div>
  );
}
