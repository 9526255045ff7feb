import type { PopupStore } from '../../lib/stores/popup-store';
import { LocaleProvider, type Locale } from '../i18n/text';
import type { PageStatusStore } from '../../lib/stores/page-status-store';
import { PageStatusNotice } from './PageStatusNotice';
import { PopupContent } from './PopupContent';
import { PopupStoreProvider } from './usePopup';
import '../tracker.css';
import './popup.css';

/** The toolbar popup's root. */
export function PopupApp({ store, pageStatus, locale = 'en' }: { store: PopupStore; pageStatus?: PageStatusStore; locale?: Locale }) {
  return (
    <LocaleProvider locale={locale}>
      <PopupStoreProvider store={store}>
        <div className="td-root">
          <PopupContent />
          {pageStatus && <PageStatusNotice store={pageStatus} />}
        </div>
      </PopupStoreProvider>
    </LocaleProvider>
  );
}
