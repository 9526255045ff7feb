import type { PopupStore } from '../../lib/stores/popup-store';
import { LocaleProvider, type Locale } from '../i18n/text';
import type { PageStatusStore } from '../../lib/stores/page-status-store';
import type { ThisSiteStore } from '../../lib/stores/this-site-store';
import { PageStatusNotice } from './PageStatusNotice';
import { PopupContent } from './PopupContent';
import { UseOnThisSite } from './UseOnThisSite';
import { PopupStoreProvider } from './usePopup';
import '../tracker.css';
import './popup.css';

/** The toolbar popup's root. */
export function PopupApp({
  store,
  pageStatus,
  thisSite,
  locale = 'en',
}: {
  store: PopupStore;
  pageStatus?: PageStatusStore;
  thisSite?: ThisSiteStore;
  locale?: Locale;
}) {
  return (
    <LocaleProvider locale={locale}>
      <PopupStoreProvider store={store}>
        <div className="td-root">
          <PopupContent />
          {pageStatus && <PageStatusNotice store={pageStatus} />}
          {thisSite && <UseOnThisSite store={thisSite} />}
        </div>
      </PopupStoreProvider>
    </LocaleProvider>
  );
}
