import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { badgeTitleFollowing } from '../components/i18n/badge-title';
import { contentScriptMatches } from '../lib/adapters/site-matches';
import { keepBadgeInStep } from '../lib/background/badge';
import { createBackgroundWorker } from '../lib/background/worker';
import { trustedPagePredicate, withAddedSites } from '../lib/background/trusted-pages';
import { OUTBOX_ALARM } from '../lib/background/wake-up';
import { TOGGLE_PANEL_COMMAND, togglePanelInActiveTab } from '../lib/background/panel-command';
import { sitePattern } from '../lib/schemas';
import { listenForMessages } from '../lib/messaging/router';

export default defineBackground(() => {
  const worker = createBackgroundWorker();
  // The manifest's own content-script matches count too: development builds add the sandbox's demo pages there.
  const manifestMatches =
    browser.runtime.getManifest().content_scripts?.flatMap((script) => script.matches ?? []) ?? [];
  const addedPatterns = async () => (await worker.sites.list()).map((site) => sitePattern(site.host));
  listenForMessages(worker.handlers, {
    isTrustedContentPage: withAddedSites(
      trustedPagePredicate([...contentScriptMatches, ...manifestMatches]),
      addedPatterns,
    ),
  });

  browser.tabs.onRemoved.addListener((tabId) => void worker.pageStatuses.forget(tabId));
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === OUTBOX_ALARM) void worker.outbox.deliverDue();
  });
  // Listening makes the browser start the worker at launch and after an update, when alarms may have been lost.
  browser.runtime.onStartup.addListener(() => void worker.outbox.deliverDue());
  browser.runtime.onInstalled.addListener(() => void worker.outbox.deliverDue());
  // A service worker's global scope fires `online`; other hosts (unit tests) may have no such events.
  globalThis.addEventListener?.('online', () => void worker.outbox.resume());

  // The keyboard shortcut (Alt+Shift+D unless the manager changed it in the browser's shortcuts page).
  browser.commands.onCommand.addListener((command) => {
    if (command === TOGGLE_PANEL_COMMAND) void togglePanelInActiveTab();
  });

  // The manager can grant or revoke a site's host in the browser's own settings too; the registrations follow.
  browser.permissions.onAdded.addListener(() => void worker.sites.reconcile());
  browser.permissions.onRemoved.addListener(() => void worker.sites.reconcile());

  // The toolbar button's tooltip is worded from the UI's language tables, in the language the settings choose.
  const badgeTitle = badgeTitleFollowing(
    async () => (await worker.settings.get()).language,
    () => browser.i18n.getUILanguage(),
  );
  keepBadgeInStep(worker.outbox, badgeTitle);
  void worker.outbox.deliverDue();
  void worker.sites.reconcile();
});
