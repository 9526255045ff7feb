import type { Operator } from '../../lib/schemas';
import { useText } from '../i18n/text';
import { usePopup } from './usePopup';

/** Who is signed in, and the way out. */
export function SignedInSummary({ operator }: { operator: Operator }) {
  const t = useText();
  const signOut = usePopup((state) => state.signOut);
  const signingOut = usePopup((state) => state.signingOut);
  return (
    <div className="td-signed-in">
      <p>{t('popup.signedInAs', { name: operator.name, email: operator.email })}</p>
      <div className="td-actions">
        <button type="button" className="td-button" disabled={signingOut} onClick={() => void signOut()}>
          {t('popup.signOut')}
        </button>
      </div>
    </div>
  );
}
