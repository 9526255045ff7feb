import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { TrackerEvent } from '../../lib/schemas';
import './support/setup';
import { BORIS } from './support/demo-contacts';
import { renderPanel } from './support/render-panel';

const platform = (
  fields: Partial<TrackerEvent> & Pick<TrackerEvent, 'id' | 'type' | 'occurredAt' | 'source'>,
): TrackerEvent => ({
  contact: BORIS,
  status: 'forwarded',
  receivedAt: fields.occurredAt,
  ...fields,
});

/** Boris's history as the platform has it: by the bot flow, by hand, and by the tracker's postback. */
const EVENTS: TrackerEvent[] = [
  platform({
    id: 'a0000000-0000-4000-8000-000000000001',
    type: 'registration',
    occurredAt: '2026-11-20T10:00:00.000Z',
    source: 'flow',
    stepName: 'Welcome bonus',
  }),
  platform({
    id: 'a0000000-0000-4000-8000-000000000002',
    type: 'deposit',
    amount: '100',
    currency: 'USD',
    occurredAt: '2026-11-21T10:00:00.000Z',
    source: 'manual',
  }),
  platform({
    id: 'a0000000-0000-4000-8000-000000000003',
    type: 'redeposit',
    amount: '40',
    currency: 'EUR',
    occurredAt: '2026-11-22T10:00:00.000Z',
    source: 'postback',
  }),
];

describe('one history per contact', () => {
  it('merges the platform’s events with the ones still here, newest first, each with its source and state', async () => {
    const ui = renderPanel(BORIS, {
      'contact.lookup': () => ({
        status: 'found',
        contact: { ...BORIS, trackerData: { source: 'google' } },
        events: EVENTS,
      }),
    });
    await ui.outbox.add({
      id: 'b0000000-0000-4000-8000-000000000001',
      type: 'redeposit',
      amount: '25',
      currency: 'USDT',
      contact: BORIS,
      occurredAt: '2026-11-24T10:00:00.000Z',
    });
    await ui.outbox.add(
      {
        id: 'b0000000-0000-4000-8000-000000000002',
        type: 'redeposit',
        amount: '5',
        currency: 'USD',
        contact: BORIS,
        occurredAt: '2026-11-23T10:00:00.000Z',
      },
      'failed',
      { code: 'validation_failed', message: 'amount is too small' },
    );
    const panel = await ui.openPanel();
    const rows = async () =>
      within(await within(panel).findByRole('list', { name: 'Events' })).getAllByRole('listitem');
    await waitFor(async () => expect(await rows()).toHaveLength(5));

    const lines = (await rows()).map((row) => [
      row.querySelector('.td-event-what')?.textContent,
      row.querySelector('.td-badge')?.textContent,
      row.querySelector('.td-event-meta span')?.textContent,
    ]);
    expect(lines).toEqual([
      ['Redeposit 25 USDT', 'Queued', 'by hand'],
      ['Redeposit $5.00', 'Failed', 'by hand'],
      ['Redeposit €40.00', 'Sent', 'tracker postback'],
      ['Deposit $100.00', 'Sent', 'by hand'],
      ['Registration', 'Sent', 'bot flow: Welcome bonus'],
    ]);

    const failed = (await rows())[1]!;
    expect(within(failed).getByText('The platform refused it: amount is too small')).toBeTruthy();
    expect(within(failed).getByRole('button', { name: 'Retry' })).toBeTruthy();
    await ui.user.click(within(failed).getByRole('button', { name: 'Dismiss' }));
    expect(
      within(failed).getByRole('group', { name: 'Dismiss this failed event? It will no longer be sent.' }),
    ).toBeTruthy();
    expect(ui.background.sentAs('outbox.dismiss')).toHaveLength(0);
    await ui.user.click(within(failed).getByRole('button', { name: 'Yes, dismiss' }));
    await waitFor(async () => expect(await rows()).toHaveLength(4));
    expect(screen.queryByText('Failed')).toBeNull();
    expect(ui.background.sentAs('outbox.dismiss')).toEqual([{ id: 'b0000000-0000-4000-8000-000000000002' }]);
  });
});
