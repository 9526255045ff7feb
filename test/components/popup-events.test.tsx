import { render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { PopupApp } from '../../components/popup/PopupApp';
import type { TrackerEventInput } from '../../lib/schemas';
import { createPopupStore } from '../../lib/stores/popup-store';
import './support/setup';
import { ANNA, BORIS } from './support/demo-contacts';
import { startFakeBackground } from './support/fake-background';
import { createFakeOutbox } from './support/fake-outbox';

const OPERATOR = { id: 'op_demo', name: 'Demo Manager', email: 'demo@tracker.test' };
const DEPOSIT_EXISTS = { code: 'deposit_exists', message: 'This contact already has a first deposit' };

const event = (id: string, fields: Partial<TrackerEventInput> = {}): TrackerEventInput => ({
  id,
  type: 'deposit',
  contact: ANNA,
  amount: '150',
  currency: 'USD',
  occurredAt: '2026-11-24T08:00:00.000Z',
  ...fields,
});

const ids = {
  queued: '2c0f4a5e-0d1b-4b8e-9c61-7a0c1f3e0001',
  failed: '2c0f4a5e-0d1b-4b8e-9c61-7a0c1f3e0002',
  sent: '2c0f4a5e-0d1b-4b8e-9c61-7a0c1f3e0003',
};

async function renderPopup() {
  const outbox = createFakeOutbox();
  startFakeBackground({
    ...outbox.handlers,
    'session.get': () => ({ signedIn: true, operator: OPERATOR }),
    'outbox.heldForOthers': () => [],
  });
  await outbox.add(event(ids.queued, { type: 'registration', amount: undefined, currency: undefined }));
  await outbox.add(event(ids.failed, { contact: BORIS, amount: '75' }), 'failed', DEPOSIT_EXISTS);
  await outbox.add(event(ids.sent, { amount: '20' }), 'sent');
  render(<PopupApp store={createPopupStore()} />);
  return outbox;
}

const listNamed = (name: string) => screen.findByRole('list', { name });

describe('the popup’s event lists', () => {
  it('lists each queued and failed event with its contact and state, not the sent ones', async () => {
    await renderPopup();
    const items = within(await listNamed('Waiting to be sent')).getAllByRole('listitem');
    expect(items.map((item) => item.textContent)).toEqual([
      expect.stringMatching(/^Deposit \$75\.00Failed.*Boris Ivanov.*This contact already has a first deposit$/),
      expect.stringMatching(/^RegistrationQueued.*Anna Petrova/),
    ]);
    expect(screen.getByRole('status').textContent).toBe('1 queued, 1 failed');
    expect(screen.queryByRole('list', { name: 'Dismissed' })).toBeNull();
  });

  it('moves a dismissed failure to the Dismissed log, with its contact, when and why', async () => {
    const outbox = await renderPopup();
    await listNamed('Waiting to be sent');
    await outbox.handlers['outbox.dismiss']?.({ id: ids.failed });

    const log = await listNamed('Dismissed');
    const [item] = within(log).getAllByRole('listitem');
    expect(item?.textContent).toMatch(
      /^Deposit \$75\.00Boris Ivanovdismissed .+The platform refused it: This contact already has a first deposit$/,
    );
    expect(item?.querySelector('time')?.getAttribute('dateTime')).toMatch(/^\d{4}-\d\d-\d\dT/);
    await waitFor(() =>
      expect(within(screen.getByRole('list', { name: 'Waiting to be sent' })).getAllByRole('listitem')).toHaveLength(1),
    );
    expect(screen.getByRole('status').textContent).toBe('1 queued, 0 failed');
  });

  it('shows no list when nothing waits and nothing was dismissed', async () => {
    startFakeBackground({ ...createFakeOutbox().handlers, 'session.get': () => ({ signedIn: false }) });
    render(<PopupApp store={createPopupStore()} />);
    await screen.findByText('0 queued, 0 failed');
    expect(screen.queryByRole('list')).toBeNull();
  });
});
