import type { OptionsStore } from '../../lib/stores/options-store';
import { LocaleProvider, useText, type Locale } from '../i18n/text';
import { SettingsForm } from './SettingsForm';
import { OptionsStoreProvider } from './useOptions';
import '../tracker.css';
import './options.css';

function OptionsPage() {
  const t = useText();
  return (
    <main className="td-options">
      <h1>{t('options.heading')}</h1>
      <SettingsForm />
    </main>
  );
}

/** The options page's root. */
export function OptionsApp({ store, locale = 'en' }: { store: OptionsStore; locale?: Locale }) {
  return (
    <LocaleProvider locale={locale}>
      <OptionsStoreProvider store={store}>
        <div className="td-root">
          <OptionsPage />
        </div>
      </OptionsStoreProvider>
    </LocaleProvider>
  );
}
