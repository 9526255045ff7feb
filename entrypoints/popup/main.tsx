import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { PopupApp } from '../../components/popup/PopupApp';
import { createPopupStore } from '../../lib/stores/popup-store';

const container = document.getElementById('root');
if (!container) throw new Error('popup/index.html has no #root');
createRoot(container).render(
  <StrictMode>
    <PopupApp store={createPopupStore()} />
  </StrictMode>,
);
