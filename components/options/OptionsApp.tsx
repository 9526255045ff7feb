import type { OptionsStore } from '../../lib/stores/options-store';
import type { SitesStore } from '../../lib/stores/sites-store';
import { LocaleProvider, useText, type Locale } from '../i18n/text';
import { AddedSites } from './AddedSites';
import { SettingsForm } from './SettingsForm';
import { OptionsStoreProvider } from './useOptions';
import '../tracker.css';
import './options.css';

function OptionsPage({ sites }: { sites: SitesStore | undefined }) {
  const t = useText();
  return (
    <main className="td-options">
      <h1>{t('options.heading')}</h1>
      <SettingsForm />
      {sites && <AddedSites store={sites} />}
    </main>
  );
}

/** The options page's root. */
export function OptionsApp({
  store,
  sites,
  locale = 'en',
}: {
  store: OptionsStore;
  sites?: SitesStore;
  locale?: Locale;
}) {
  return (
    <LocaleProvider locale={locale}>
      <OptionsStoreProvider store={store}>
        <div className="td-root">
          <OptionsPage sites={sites} />
        </div>
      </OptionsStoreProvider>
    </LocaleProvider>
  );
}
