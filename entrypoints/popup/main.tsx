import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { FollowLanguage } from '../../components/i18n/FollowLanguage';
import { PopupApp } from '../../components/popup/PopupApp';
import { createLanguageStore } from '../../lib/stores/language-store';
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

const stores = {
  store: createPopupStore(),
  pageStatus: createPageStatusStore(activeTabId),
  thisSite: createThisSiteStore({ activeTab, requestOrigins }),
};
const language = createLanguageStore(() => browser.i18n.getUILanguage());
// Screen readers read the page in its language.
language.subscribe(({ locale }) => (document.documentElement.lang = locale));
document.documentElement.lang = language.getState().locale;

const container = document.getElementById('root');
if (!container) throw new Error('popup/index.html has no #root');
createRoot(container).render(
  <StrictMode>
    <FollowLanguage store={language}>{(locale) => <PopupApp {...stores} locale={locale} />}</FollowLanguage>
  </StrictMode>,
);
