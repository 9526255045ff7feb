import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { OptionsApp } from '../../components/options/OptionsApp';
import { createOptionsStore } from '../../lib/stores/options-store';
import { createSitesStore } from '../../lib/stores/sites-store';

const requestOrigins = (origins: string[]) => browser.permissions.request({ origins });
const store = createOptionsStore({ requestOrigins });
const sites = createSitesStore({ requestOrigins });

const container = document.getElementById('root');
if (!container) throw new Error('options/index.html has no #root');
createRoot(container).render(
  <StrictMode>
    <OptionsApp store={store} sites={sites} />
  </StrictMode>,
);
