import type { PanelStore } from '../lib/stores/panel-store';
import { LocaleProvider, type Locale } from './i18n/text';
import { PanelAside } from './panel/PanelAside';
import { PanelStoreProvider } from './panel/usePanel';
import './tracker.css';

export interface TrackerPanelProps {
  store: PanelStore;
  locale?: Locale;
}

/** The panel as a root of its own: the content script renders it into a shadow root beside the chat. */
export function TrackerPanel({ store, locale = 'en' }: TrackerPanelProps) {
  return (
    <LocaleProvider locale={locale}>
      <PanelStoreProvider store={store}>
        <div className="td-root" lang={locale}>
          <PanelAside />
        </div>
      </PanelStoreProvider>
    </LocaleProvider>
  );
}
