import { useText } from '../i18n/text';
import { usePopup } from './usePopup';

/** Events saved for another platform than the one set now: they go only there, when it is chosen again, or are dismissed. */
export function ForOtherPlatforms() {
  const t = useText();
  const platforms = usePopup((state) => state.forOtherPlatforms);
  const dismiss = usePopup((state) => state.dismissForPlatform);
  if (platforms.length === 0) return null;
  return (
    <div className="td-held">
      {platforms.map(({ apiUrl, count }) => {
        const waiting = t(count === 1 ? 'popup.otherPlatform.one' : 'popup.otherPlatform', { count, apiUrl });
        return (
          <div key={apiUrl} className="td-notice" role="group" aria-label={waiting}>
            <p>{waiting}</p>
            <div className="td-actions">
              <button type="button" className="td-button" onClick={() => void dismiss(apiUrl)}>
                {t('popup.dismissPlatform')}
              </button>
            </div>
          </div>
        );
      })}
    </div>
  );
}
