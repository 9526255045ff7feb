import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { pageUrl } from '../../lib/adapters/demo-page';
import { adapterForAddedSite, adapterForUrl } from '../../lib/adapters/registry';
import { contentScriptMatches } from '../../lib/adapters/site-matches';
import { watchChat } from '../../lib/adapters/shared/chat-watcher';
import { watchPageTheme } from '../../lib/adapters/shared/page-theme';
import { sendMessage } from '../../lib/messaging/client';
import { listenToBackground } from '../../lib/messaging/to-content';
import type { PageStatus } from '../../lib/schemas';
import { createLanguageStore } from '../../lib/stores/language-store';
import { createPanelStore, startPanelStore } from '../../lib/stores/panel-store';
import { mountButton, mountPanel } from './mount';
import { togglePanelByCommand } from './panel-command';

/**
 * The one place where a site adapter meets the UI: the adapter says who is open and where the header is, the panel
 * store follows, and the Tracker Data button is re-mounted whenever the chat app rebuilds its header. Where the header
 * cannot be found the button floats in a corner instead, so the panel never silently vanishes.
 */
export default defineContentScript({
  matches: [...contentScriptMatches],
  cssInjectionMode: 'ui',
  async main(ctx) {
    const url = pageUrl(location.href);
    // On a site the manager added (registered at run time) the background says which one it is.
    const addedSite = () =>
      sendMessage('sites.forPage', {}).then(
        (answer) => answer.site,
        () => undefined,
      );
    const adapter = adapterForUrl(url) ?? adapterForAddedSite(url, await addedSite());
    if (!adapter) return;
    // The lead's own messages are read off the page only when the panel asks (a contact without a click id, a team pattern).
    const store = createPanelStore({
      readIncomingMessages: (limit) => adapter.readIncomingMessages?.(document, limit) ?? [],
    });
    const stopStore = startPanelStore(store);
    // The panel and button follow the chat app's light or dark theme as the manager switches it.
    const stopTheme = watchPageTheme(document, adapter.darkThemeClasses, (theme) => store.getState().setTheme(theme));
    const language = createLanguageStore(() => browser.i18n.getUILanguage());
    const panel = await mountPanel(ctx, store, language);
    const stopListening = listenToBackground({ 'panel.toggle': () => togglePanelByCommand(store) });
    let reported = '';
    // The popup tells the manager when the page fell back to the floating button or asks who the lead is.
    const reportPage = (status: PageStatus) => {
      if (JSON.stringify(status) === reported) return;
      reported = JSON.stringify(status);
      sendMessage('page.report', status).catch(() => (reported = ''));
    };
    const button = await mountButton(ctx, store, language);
    let buttonAnchor: Element | null | undefined = null;

    const stopWatching = watchChat({
      adapter,
      pageUrl,
      onChange: ({ contact, unidentified, mountPoint }) => {
        void store.getState().setChat({ contact, unidentified });
        reportPage({
          site: adapter.label,
          // A page the manager added has no chat header: its button belongs in the corner, nothing broke.
          mount: mountPoint ? 'header' : adapter.registeredAtRunTime ? 'corner' : 'floating',
          contact: contact ? 'read' : unidentified ? 'asked' : 'none',
        });
        if (mountPoint === buttonAnchor) return;
        buttonAnchor = mountPoint;
        if (!ctx.isInvalid) button.moveTo(mountPoint?.isConnected ? mountPoint : undefined);
      },
    });

    ctx.onInvalidated(() => {
      stopWatching();
      stopTheme();
      stopListening();
      stopStore();
      language.getState().dispose();
      button.remove();
      panel.remove();
    });
  },
});
