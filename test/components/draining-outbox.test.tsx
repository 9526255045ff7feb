import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import './support/setup';
import { ANNA, BORIS } from './support/demo-contacts';
import { fillEvent } from './support/form';
import { gate } from './support/gate';
import { renderPanel } from './support/render-panel';

const EVENTS = 40;
const DELIVERY_EVERY_MS = 5;
const LIST_ANSWER_MS = 20;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the panel following the outbox', () => {
  it('ends with every event shown Sent, having asked for the list a few times rather than once per change', async () => {
    const ui = renderPanel(BORIS, {
      'contact.lookup': () => ({ status: 'found', contact: { ...BORIS, trackerData: {} }, events: [] }),
    });
    const ids = Array.from(
      { length: EVENTS },
      (_, index) => `c0000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    );
    for (const [index, id] of ids.entries()) {
      await ui.outbox.add({
        id,
        type: 'redeposit',
        amount: `${index + 1}`,
        currency: 'USD',
        contact: BORIS,
        occurredAt: '2026-11-24T10:00:00.000Z',
      });
    }
    const list = ui.outbox.handlers['outbox.list']!;
    ui.background.answer({ 'outbox.list': async (request) => (await pause(LIST_ANSWER_MS), list(request)) });
    const panel = await ui.openPanel();
    const events = within(panel);
    await waitFor(() => expect(events.getAllByText('Queued')).toHaveLength(EVENTS));

    const asksBefore = ui.background.sentAs('outbox.list').length;
    for (const id of ids) {
      await ui.outbox.deliver(id);
      await pause(DELIVERY_EVERY_MS);
    }

    await waitFor(() => expect(events.getAllByText('Sent')).toHaveLength(EVENTS));
    expect(events.queryByText('Queued')).toBeNull();
    // 40 changes over about 200 ms; a list answer takes 20 ms, and the panel rests four times that between asks.
    expect(ui.background.sentAs('outbox.list').length - asksBefore).toBeLessThanOrEqual(6);
  });

  it('shows a Save from its answer, asks for the list only when the event is sent, and then shows it Sent', async () => {
    const ui = renderPanel(ANNA);
    const panel = await ui.openPanel();
    const events = within(panel);
    await fillEvent(ui.user, 'Deposit', '150', 'USD');
    const asksBefore = ui.background.sentAs('outbox.list').length;

    await ui.user.click(screen.getByRole('button', { name: 'Save' }));
    const row = () => events.getAllByRole('listitem').find((item) => item.textContent?.includes('Deposit $150.00'));
    await waitFor(() => expect(row()?.textContent).toContain('Queued'));
    // Its record was written while the Save waited for the answer, which brought it: nothing to ask for.
    expect(ui.background.sentAs('outbox.list').length).toBe(asksBefore);

    const [saved] = ui.outbox.all();
    await ui.outbox.deliver(saved!.event.id);
    await waitFor(() => expect(row()?.textContent).toContain('Sent'));
    expect(ui.background.sentAs('outbox.list').length).toBe(asksBefore + 1);
  });

  it('shows Sent when the event was sent before the answer to its Save came', async () => {
    const answer = gate();
    const ui = renderPanel(ANNA, {
      'event.submit': async (event) => {
        const record = await ui.outbox.handlers['event.submit']!(event);
        await ui.outbox.deliver(event.id);
        await answer.opened;
        return record;
      },
    });
    const panel = await ui.openPanel();
    await fillEvent(ui.user, 'Deposit', '150', 'USD');
    await ui.user.click(screen.getByRole('button', { name: 'Save' }));
    const row = () =>
      within(panel)
        .getAllByRole('listitem')
        .find((item) => item.textContent?.includes('Deposit $150.00'));
    await waitFor(() => expect(row()?.textContent).toContain('Sent'));

    answer.open();
    await waitFor(() => expect(screen.queryByRole('form', { name: 'Send event' })).toBeNull());
    expect(row()?.textContent).toContain('Sent');
  });
});
