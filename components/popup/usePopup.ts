import type { PopupState } from '../../lib/stores/popup-store';
import { createStoreContext } from '../store-context';

const popupStore = createStoreContext<PopupState>('The popup store');

export const PopupStoreProvider = popupStore.Provider;
export const usePopup = popupStore.useSelector;
