import type { OptionsState } from '../../lib/stores/options-store';
import { createStoreContext } from '../store-context';

const optionsStore = createStoreContext<OptionsState>('The options store');

export const OptionsStoreProvider = optionsStore.Provider;
export const useOptions = optionsStore.useSelector;
