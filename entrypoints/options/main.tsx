import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { FollowLanguage } from '../../components/i18n/FollowLanguage';
import { OptionsApp } from '../../components/options/OptionsApp';
import { createLanguageStore } from '../../lib/stores/language-store';
import { createOptionsStore } from '../../lib/stores/options-store';
import { createSitesStore } from '../../lib/stores/sites-store';

const requestOrigins = (origins: string[]) => browser.permissions.request({ origins });
const store = createOptionsStore({ requestOrigins });
const sites = createSitesStore({ requestOrigins });
const language = createLanguageStore(() => browser.i18n.getUILanguage());
// Screen readers read the page in its language.
language.subscribe(({ locale }) => (document.documentElement.lang = locale));
document.documentElement.lang = language.getState().locale;

const container = document.getElementById('root');
if (!container) throw new Error('options/index.html has no #root');
createRoot(container).render(
  <StrictMode>
    <FollowLanguage store={language}>
      {(locale) => <OptionsApp store={store} sites={sites} locale={locale} />}
    </FollowLanguage>
  </StrictMode>,
);
