import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { PopupApp } from '../../components/popup/PopupApp';
import { createPageStatusStore } from '../../lib/stores/page-status-store';
import { createPopupStore } from '../../lib/stores/popup-store';
import { createThisSiteStore } from '../../lib/stores/this-site-store';

/**
 * The tab the popup was opened over: the active tab of the last focused window (the popup itself is no window). Its
 * URL is readable because opening the popup grants activeTab.
 */
async function activeTab() {
  const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  return tab;
}

async function activeTabId(): Promise<number | undefined> {
  return (await activeTab())?.id;
}

const requestOrigins = (origins: string[]) => browser.permissions.request({ origins });

const container = document.getElementById('root');
if (!container) throw new Error('popup/index.html has no #root');
createRoot(container).render(
  <StrictMode>
    <PopupApp
      store={createPopupStore()}
      pageStatus={createPageStatusStore(activeTabId)}
      thisSite={createThisSiteStore({ activeTab, requestOrigins })}
    />
  </StrictMode>,
);
