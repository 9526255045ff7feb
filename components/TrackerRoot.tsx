import type { PanelStore } from '../lib/stores/panel-store';
import { LocaleProvider, type Locale } from './i18n/text';
import { PanelAside } from './panel/PanelAside';
import { PanelToggle } from './panel/PanelToggle';
import { PanelStoreProvider } from './panel/usePanel';
import './tracker.css';

export interface TrackerRootProps {
  store: PanelStore;
  locale?: Locale;
  floating?: boolean;
}

/** Button and panel in one mount, for a page where both live in one shadow root (the floating button, say). */
export function TrackerRoot({ store, locale = 'en', floating = false }: TrackerRootProps) {
  return (
    <LocaleProvider locale={locale}>
      <PanelStoreProvider store={store}>
        <div className="td-root" lang={locale}>
          <PanelToggle floating={floating} />
          <PanelAside />
        </div>
      </PanelStoreProvider>
    </LocaleProvider>
  );
}
