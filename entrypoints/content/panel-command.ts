import { contactKeyOf } from '../../lib/domain/contact-key';
import type { PanelStore } from '../../lib/stores/panel-store';

/**
 * What the browser command does in this tab: "log an event". It opens the panel with the open contact's Send event
 * form ready (the proposed type, focus in Amount when it has one), so a repeat deposit is the shortcut, the amount and
 * Enter; on an open panel without a form it opens the form. Pressed again with the form open, or where there is no
 * contact to log for, it closes the panel as its own Close button does, focus back on the Tracker Data button; a
 * half-typed form stays as the contact's draft.
 */
export function togglePanelByCommand(store: PanelStore): void {
  const { open, contact, drafts, openFormToLog, closeFromPanel } = store.getState();
  const formOpen = contact !== undefined && drafts[contactKeyOf(contact)] !== undefined;
  if (open && (formOpen || !contact)) closeFromPanel();
  else openFormToLog();
}
