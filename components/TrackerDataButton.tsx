import type { PanelStore } from '../lib/stores/panel-store';
import { LocaleProvider, type Locale } from './i18n/text';
import { PanelToggle } from './panel/PanelToggle';
import { PanelStoreProvider } from './panel/usePanel';
import './tracker.css';

export interface TrackerDataButtonProps {
  store: PanelStore;
  locale?: Locale;
  /** In a corner of the page instead of the chat header, where the header can't be found or the site has none. */
  floating?: boolean;
}

/** The Tracker Data button as a root of its own: the content script renders it into the chat header. */
export function TrackerDataButton({ store, locale = 'en', floating = false }: TrackerDataButtonProps) {
  return (
    <LocaleProvider locale={locale}>
      <PanelStoreProvider store={store}>
        <div className="td-root td-root-inline" lang={locale}>
          <PanelToggle floating={floating} />
        </div>
      </PanelStoreProvider>
    </LocaleProvider>
  );
}
