import { browser } from 'wxt/browser';
import { tellTab } from '../messaging/to-content';

/** The manifest's `commands` key of the shortcut that opens and closes the panel (wxt.config.ts). */
export const TOGGLE_PANEL_COMMAND = 'toggle-panel';

/**
 * Tells the content script of the tab in front to open or close its panel. The active tab's id comes without the
 * tabs permission; a tab Tracker Data does not run on has no content script to answer, and the key does nothing there.
 */
export async function togglePanelInActiveTab(): Promise<boolean> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (tab?.id === undefined) return false;
  return tellTab(tab.id, 'panel.toggle', {}).then(
    () => true,
    () => false,
  );
}
