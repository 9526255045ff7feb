import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { PopupApp } from '../../components/popup/PopupApp';
import { createPageStatusStore } from '../../lib/stores/page-status-store';
import { createPopupStore } from '../../lib/stores/popup-store';

async function activeTabId(): Promise<number | undefined> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

const container = document.getElementById('root');
if (!container) throw new Error('popup/index.html has no #root');
createRoot(container).render(
  <StrictMode>
    <PopupApp store={createPopupStore()} pageStatus={createPageStatusStore(activeTabId)} />
  </StrictMode>,
);
