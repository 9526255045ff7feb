import type { PanelState } from '../../lib/stores/panel-state';
import { createStoreContext } from '../store-context';

const panelStore = createStoreContext<PanelState>('The Tracker Data panel store');

export const PanelStoreProvider = panelStore.Provider;
export const usePanel = panelStore.useSelector;
export const usePanelStore = panelStore.useStoreApi;
