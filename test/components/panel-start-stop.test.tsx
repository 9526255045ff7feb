import { waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../lib/schemas';
import { createPanelStore, startPanelStore } from '../../lib/stores/panel-store';
import './support/setup';
import { ANNA, lookUpDemoContact } from './support/demo-contacts';
import { startFakeBackground } from './support/fake-background';
import { createFakeOutbox } from './support/fake-outbox';

const deposit = (id: string) => ({
  id,
  type: 'deposit' as const,
  amount: '150',
  currency: 'USD',
  contact: ANNA,
  occurredAt: '2026-12-05T10:00:00.000Z',
});
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('the panel store, as the content script starts and stops it', () => {
  it('asks the background nothing until started, follows the outbox while started, and no more once stopped', async () => {
    const outbox = createFakeOutbox();
    const background = startFakeBackground({
      'contact.lookup': lookUpDemoContact,
      'settings.get': () => ({ ...DEFAULT_SETTINGS, defaultCurrency: 'EUR' }),
      'currencies.recent': () => ['KZT'],
      ...outbox.handlers,
    });
    const store = createPanelStore();
    store.getState().setContact(ANNA);
    await outbox.add(deposit('c0000000-0000-4000-8000-000000000001'));
    await settle();
    expect(background.sent).toEqual([]);
    expect(store.getState().defaultCurrency).toBe(DEFAULT_SETTINGS.defaultCurrency);

    const stop = startPanelStore(store);
    await waitFor(() => expect(store.getState().defaultCurrency).toBe('EUR'));
    expect(store.getState().recentCurrencies).toEqual(['KZT']);
    store.getState().setOpen(true);
    await waitFor(() => expect(store.getState().outbox).toHaveLength(1));
    await outbox.add(deposit('c0000000-0000-4000-8000-000000000002'));
    await waitFor(() => expect(store.getState().outbox).toHaveLength(2));

    stop();
    const asked = background.sent.length;
    await outbox.add(deposit('c0000000-0000-4000-8000-000000000003'));
    await settle();
    expect(background.sent.length).toBe(asked);
    expect(store.getState().outbox).toHaveLength(2);
  });
});
