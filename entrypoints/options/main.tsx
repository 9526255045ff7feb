import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { OptionsApp } from '../../components/options/OptionsApp';
import { createOptionsStore } from '../../lib/stores/options-store';

const store = createOptionsStore({ requestOrigins: (origins) => browser.permissions.request({ origins }) });

const container = document.getElementById('root');
if (!container) throw new Error('options/index.html has no #root');
createRoot(container).render(
  <StrictMode>
    <OptionsApp store={store} />
  </StrictMode>,
);
