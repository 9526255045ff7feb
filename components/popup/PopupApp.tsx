import type { PopupStore } from '../../lib/stores/popup-store';
import { LocaleProvider, type Locale } from '../i18n/text';
import { PopupContent } from './PopupContent';
import { PopupStoreProvider } from './usePopup';
import '../tracker.css';
import './popup.css';

/** The toolbar popup's root. */
export function PopupApp({ store, locale = 'en' }: { store: PopupStore; locale?: Locale }) {
  return (
    <LocaleProvider locale={locale}>
      <PopupStoreProvider store={store}>
        <div className="td-root">
          <PopupContent />
        </div>
      </PopupStoreProvider>
    </LocaleProvider>
  );
}
