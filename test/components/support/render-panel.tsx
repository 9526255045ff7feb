import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { TrackerRoot } from '../../../components/TrackerRoot';
import type { Locale } from '../../../components/i18n/text';
import type { ContactRef } from '../../../lib/schemas';
import { createPanelStore, startPanelStore, type PanelStoreOptions } from '../../../lib/stores/panel-store';
import { lookUpDemoContact } from './demo-contacts';
import { startFakeBackground, type Handlers } from './fake-background';
import { createFakeOutbox } from './fake-outbox';

/**
 * The Tracker Data UI as the content script mounts it: one store outside React, the open chat's contact given by the
 * site adapter, and a fake background answering with the demo contacts and an outbox.
 */
export function renderPanel(
  contact: ContactRef | undefined,
  handlers: Handlers = {},
  locale: Locale = 'en',
  storeOptions: PanelStoreOptions = {},
) {
  const outbox = createFakeOutbox();
  const background = startFakeBackground({
    'contact.lookup': lookUpDemoContact,
    'settings.get': () => ({ apiUrl: 'http://127.0.0.1:8787', defaultCurrency: 'USD', language: 'auto' }),
    ...outbox.handlers,
    ...handlers,
  });
  const store = createPanelStore(storeOptions);
  startPanelStore(store);
  store.getState().setContact(contact);
  const user = userEvent.setup();
  const view = render(<TrackerRoot store={store} locale={locale} />);

  return {
    store,
    user,
    background,
    outbox,
    view,
    /** The manager opens another chat: the site adapter reports it. */
    switchTo: (next: ContactRef | undefined) => act(() => store.getState().setContact(next)),
    /** Presses Tracker Data and waits for the platform's answer about the contact. */
    async openPanel() {
      await user.click(screen.getByRole('button', { name: 'Tracker Data' }));
      const panel = screen.getByRole('complementary', { name: 'Tracker Data' });
      await waitFor(() => {
        if (within(panel).queryByText(/^(Loading|Загрузка)…$/)) throw new Error('The panel is still loading');
      });
      return panel;
    },
  };
}
