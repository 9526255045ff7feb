import type { PanelStore } from '../../lib/stores/panel-store';

/**
 * What the browser command does in this tab: opens the panel, or closes it as its own Close button does, so focus
 * goes back to the Tracker Data button rather than being lost with the panel.
 */
export function togglePanelByCommand(store: PanelStore): void {
  const { open, setOpen, closeFromPanel } = store.getState();
  if (open) closeFromPanel();
  else setOpen(true);
}
