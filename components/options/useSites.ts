import type { SitesState } from '../../lib/stores/sites-store';
import { createStoreContext } from '../store-context';

const sitesStore = createStoreContext<SitesState>('The sites store');

export const SitesStoreProvider = sitesStore.Provider;
export const useSites = sitesStore.useSelector;
