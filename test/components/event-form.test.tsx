import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import './support/setup';
import { ANNA, BORIS, CLARA } from './support/demo-contacts';
import { Refusal } from './support/fake-background';
import { createFakeOutbox } from './support/fake-outbox';
import { gate } from './support/gate';
import { descriptionOf, fillEvent, UUID_V4 } from './support/form';
import { renderPanel } from './support/render-panel';
import { focusedIn } from '../../components/focused';

const status = () => screen.getByRole('status').textContent ?? '';

describe('the Send event form', () => {
  it('sends one deposit of 150 USD for the open contact, with an id made at Save', async () => {
    const ui = renderPanel(ANNA);
    await ui.openPanel();
    const before = Date.now();
    await fillEvent(ui.user, 'Deposit', '150', 'USD');
    await ui.user.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(status()).toMatch(/^Queued: Deposit \$150\.00/));
    const submitted = ui.background.sentAs('event.submit');
    expect(submitted).toHaveLength(1);
    const [event] = submitted;
    expect(event).toMatchObject({
      type: 'deposit',
      amount: '150',
      currency: 'USD',
      contact: { channel: 'telegram', externalId: '777001', displayName: 'Anna Petrova', username: 'anna_leads' },
    });
    expect(event!.id).toMatch(UUID_V4);
    expect(Date.parse(event!.occurredAt)).toBeGreaterThanOrEqual(before - 1);
    expect(event!.note).toBeUndefined();

    expect(screen.queryByRole('form', { name: 'Send event' })).toBeNull();
    const newest = within(screen.getByRole('list', { name: 'Events' })).getAllByRole('listitem')[0]!;
    expect(newest.textContent).toContain('Deposit $150.00');
    expect(within(newest).getByText('Queued')).toBeTruthy();
  });

  it('makes one event of a double click on Save, even while the background is slow to answer', async () => {
    const answer = gate();
    const outbox = createFakeOutbox();
    const ui = renderPanel(ANNA, {
      'event.submit': async (event) => {
        await answer.opened;
        return outbox.handlers['event.submit']!(event);
      },
    });
    await ui.openPanel();
    await fillEvent(ui.user, 'Deposit', '150', 'USD');
    const save = screen.getByRole('button', { name: 'Save' });
    await ui.user.dblClick(save);
    // Marked busy and unavailable, and focus stays on it: a keyboard user keeps their place while it saves.
    expect(save.getAttribute('aria-disabled')).toBe('true');
    expect(save.getAttribute('aria-busy')).toBe('true');
    expect(focusedIn(save)).toBe(save);
    await ui.user.keyboard('{Enter}');
    answer.open();
    await waitFor(() => expect(status()).toMatch(/Queued/));
    // The outbox would store a second Save of the same id once: what counts is that it was sent once.
    expect(outbox.submitted()).toHaveLength(1);
    expect(ui.background.sentAs('event.submit')).toHaveLength(1);
    expect(outbox.all()).toHaveLength(1);
  });

  it('sends the same event again when the first Save was stored but its answer was lost, so it is stored once', async () => {
    const outbox = createFakeOutbox();
    let answers = 0;
    const ui = renderPanel(ANNA, {
      'event.submit': async (event) => {
        const record = await outbox.handlers['event.submit']!(event);
        // The worker stopped after storing the event, before its answer reached the panel.
        if (answers++ === 0)
          throw new Refusal({ code: 'internal', message: 'The message port closed before a response was received.' });
        return record;
      },
    });
    await ui.openPanel();
    await fillEvent(ui.user, 'Deposit', '150', 'USD');
    await ui.user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.getByText(/message port closed/)).toBeTruthy());
    await ui.user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(status()).toMatch(/Queued/));

    const [first, second] = ui.background.sentAs('event.submit');
    expect(second).toEqual(first);
    expect(outbox.all()).toHaveLength(1);
  });

  it('makes another event, with its own id, once the manager changes the form after a failed Save', async () => {
    const ui = renderPanel(ANNA, {
      'event.submit': () => {
        throw new Refusal({ code: 'internal', message: 'The background is not answering.' });
      },
    });
    await ui.openPanel();
    await fillEvent(ui.user, 'Deposit', '150', 'USD');
    await ui.user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.getByText(/not answering/)).toBeTruthy());
    await fillEvent(ui.user, 'Deposit', '160');
    await ui.user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(ui.background.sentAs('event.submit')).toHaveLength(2));

    const [first, second] = ui.background.sentAs('event.submit');
    expect(second!.id).not.toBe(first!.id);
    expect(second!.amount).toBe('160');
  });

  it('turns what the manager typed into the canonical amount, and sends a note when there is one', async () => {
    const ui = renderPanel(ANNA);
    await ui.openPanel();
    await fillEvent(ui.user, 'Deposit', '1 234,50', 'EUR');
    await ui.user.type(screen.getByRole('textbox', { name: 'Note' }), '  paid by card  ');
    await ui.user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(ui.background.sentAs('event.submit')).toHaveLength(1));
    expect(ui.background.sentAs('event.submit')[0]).toMatchObject({
      amount: '1234.5',
      currency: 'EUR',
      note: 'paid by card',
    });
  });

  it('refuses 1.5 JPY at the Amount field and sends nothing', async () => {
    const ui = renderPanel(ANNA);
    await ui.openPanel();
    await fillEvent(ui.user, 'Deposit', '1.5', 'JPY');
    await ui.user.click(screen.getByRole('button', { name: 'Save' }));

    const amount = screen.getByRole('textbox', { name: 'Amount' });
    expect(amount.getAttribute('aria-invalid')).toBe('true');
    expect(descriptionOf(amount)).toContain('JPY allows no decimals');
    expect(ui.background.sentAs('event.submit')).toHaveLength(0);

    await ui.user.type(amount, '0');
    expect(amount.getAttribute('aria-invalid')).toBeNull();
  });

  it('refuses an empty amount, zero and a number in exponent form', async () => {
    const ui = renderPanel(ANNA);
    await ui.openPanel();
    const amount = () => screen.getByRole('textbox', { name: 'Amount' });
    for (const [typed, message] of [
      ['', 'Enter an amount'],
      ['0', 'greater than zero'],
      ['1e5', 'Not a number'],
    ] as const) {
      await fillEvent(ui.user, 'Deposit', typed, 'USD');
      await ui.user.click(screen.getByRole('button', { name: 'Save' }));
      expect(descriptionOf(amount())).toContain(message);
    }
    expect(ui.background.sentAs('event.submit')).toHaveLength(0);
  });

  it('asks for no amount for a registration', async () => {
    const ui = renderPanel(CLARA);
    await ui.openPanel();
    await ui.user.click(screen.getByRole('button', { name: 'Send event' }));
    expect(screen.getByRole('radio', { name: 'Registration' })).toHaveProperty('checked', true);
    expect(screen.queryByRole('textbox', { name: 'Amount' })).toBeNull();
    expect(screen.queryByRole('combobox', { name: 'Currency' })).toBeNull();
    await ui.user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(ui.background.sentAs('event.submit')).toHaveLength(1));
    const [event] = ui.background.sentAs('event.submit');
    expect(event).toMatchObject({ type: 'registration', contact: { externalId: '777003' } });
    expect(event).not.toHaveProperty('amount');
  });

  it('starts the currency on the default from the settings, with every code the platform takes', async () => {
    const ui = renderPanel(ANNA, {
      'settings.get': () => ({ apiUrl: 'http://127.0.0.1:8787', defaultCurrency: 'EUR', language: 'auto' }),
    });
    await ui.openPanel();
    await fillEvent(ui.user, 'Deposit');
    const currency = screen.getByRole('combobox', { name: 'Currency' }) as HTMLSelectElement;
    expect(currency.value).toBe('EUR');
    const options = within(currency)
      .getAllByRole('option')
      .map((option) => (option as HTMLOptionElement).value);
    expect(options[0]).toBe('EUR');
    expect(options).toEqual(expect.arrayContaining(['USD', 'JPY', 'KWD', 'USDT', 'BTC']));
  });

  it('proposes Redeposit when the platform already has a deposit', async () => {
    const ui = renderPanel(BORIS);
    await ui.openPanel();
    await ui.user.click(screen.getByRole('button', { name: 'Send event' }));
    const redeposit = screen.getByRole('radio', { name: 'Redeposit' });
    expect(redeposit).toHaveProperty('checked', true);
    // Focus is where the manager types next: the amount.
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Amount' }));
  });

  it('proposes Deposit when only a partner’s postback reported one: the team’s first deposit is still to log', async () => {
    const postback = {
      id: '7e1c2d3f-4a5b-4c6d-8e7f-9a0b1c2d3e04',
      type: 'deposit',
      contact: CLARA,
      amount: '100',
      currency: 'USD',
      occurredAt: '2026-11-22T15:30:00.000Z',
      status: 'accepted',
      receivedAt: '2026-11-22T15:30:01.000Z',
      source: 'postback',
    } as const;
    const ui = renderPanel(CLARA, {
      'contact.lookup': () => ({
        status: 'found',
        contact: { ...CLARA, trackerData: { clickId: 'kt_clara01' } },
        events: [postback],
      }),
    });
    await ui.openPanel();
    await ui.user.click(screen.getByRole('button', { name: 'Send event' }));
    expect(screen.getByRole('radio', { name: 'Deposit' })).toHaveProperty('checked', true);
  });

  it('proposes Redeposit when a deposit for the contact still waits in the outbox', async () => {
    const ui = renderPanel(ANNA);
    await ui.outbox.add({
      id: '3d0c5f5e-8a55-4f7a-9c1b-2b7f6f0b1d11',
      type: 'deposit',
      contact: ANNA,
      amount: '50',
      currency: 'USD',
      occurredAt: '2026-11-24T08:00:00.000Z',
    });
    await ui.openPanel();
    await screen.findByText('Deposit $50.00');
    await ui.user.click(screen.getByRole('button', { name: 'Send event' }));
    expect(screen.getByRole('radio', { name: 'Redeposit' })).toHaveProperty('checked', true);
  });

  it('shows a field message of the background at its field', async () => {
    const ui = renderPanel(ANNA, {
      'event.submit': () => {
        throw new Refusal({
          code: 'validation_failed',
          message: 'The event is not valid',
          fields: { amount: 'Too many decimals for USD' },
        });
      },
    });
    await ui.openPanel();
    await fillEvent(ui.user, 'Deposit', '150', 'USD');
    await ui.user.click(screen.getByRole('button', { name: 'Save' }));

    const amount = screen.getByRole('textbox', { name: 'Amount' });
    await waitFor(() => expect(amount.getAttribute('aria-invalid')).toBe('true'));
    expect(descriptionOf(amount)).toContain('Too many decimals for USD');
    expect(screen.getByRole('button', { name: 'Save' })).toHaveProperty('disabled', false);
  });

  it('shows a refusal that names no field above Save, and keeps what was typed', async () => {
    const ui = renderPanel(ANNA, {
      'event.submit': () => {
        throw new Refusal({ code: 'internal', message: 'The outbox could not be written' });
      },
    });
    await ui.openPanel();
    await fillEvent(ui.user, 'Deposit', '150', 'USD');
    await ui.user.click(screen.getByRole('button', { name: 'Save' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The outbox could not be written');
    expect(screen.getByRole('textbox', { name: 'Amount' })).toHaveProperty('value', '150');
  });

  it('saves with Enter and closes with Escape, focus going back to Send event', async () => {
    const ui = renderPanel(CLARA);
    await ui.openPanel();
    await ui.user.click(screen.getByRole('button', { name: 'Send event' }));
    expect(document.activeElement).toBe(screen.getByRole('radio', { name: 'Registration' }));

    await ui.user.keyboard('{Escape}');
    expect(screen.queryByRole('form', { name: 'Send event' })).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Send event' }));
    expect(ui.background.sentAs('event.submit')).toHaveLength(0);

    await fillEvent(ui.user, 'Deposit', '20');
    await ui.user.keyboard('{Enter}');
    await waitFor(() => expect(ui.background.sentAs('event.submit')).toHaveLength(1));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Send event' })));
  });
});

describe('what the panel says about saved events', () => {
  it('announces Queued, then Sent when the background delivers it', async () => {
    const ui = renderPanel(ANNA);
    await ui.openPanel();
    await fillEvent(ui.user, 'Deposit', '150', 'USD');
    await ui.user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(status()).toBe('Queued: Deposit $150.00. It will go by itself.'));

    const [event] = ui.background.sentAs('event.submit');
    await ui.outbox.deliver(event!.id);
    await waitFor(() => expect(status()).toBe('Sent: Deposit $150.00'));
    const newest = within(screen.getByRole('list', { name: 'Events' })).getAllByRole('listitem')[0]!;
    expect(within(newest).getByText('Sent')).toBeTruthy();
  });

  it('announces Failed with the reason, and offers to resend a refused deposit as a redeposit', async () => {
    const ui = renderPanel(ANNA);
    await ui.openPanel();
    await fillEvent(ui.user, 'Deposit', '150', 'USD');
    await ui.user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(status()).toMatch(/^Queued/));
    const [deposit] = ui.background.sentAs('event.submit');

    await ui.outbox.refuse(deposit!.id, { code: 'deposit_exists', message: 'This contact already has a deposit' });
    await waitFor(() => expect(status()).toBe('Failed: Deposit $150.00. This contact already has a deposit'));
    const failed = within(screen.getByRole('list', { name: 'Events' })).getAllByRole('listitem')[0]!;
    expect(within(failed).getByText('Failed')).toBeTruthy();
    expect(within(failed).getByText('The platform refused it: This contact already has a deposit')).toBeTruthy();
    expect(within(failed).getByText(/resend it as a redeposit/)).toBeTruthy();

    await ui.user.dblClick(within(failed).getByRole('button', { name: 'Resend as redeposit' }));
    await waitFor(() => expect(status()).toBe('Queued: Redeposit $150.00. It will go by itself.'));
    const resends = ui.background.sentAs('event.resendAsRedeposit');
    expect(resends).toHaveLength(1);
    expect(resends[0]!.id).toBe(deposit!.id);
    expect(resends[0]!.newId).toMatch(UUID_V4);
    expect(resends[0]!.newId).not.toBe(deposit!.id);
    await waitFor(() => {
      const items = within(screen.getByRole('list', { name: 'Events' })).getAllByRole('listitem');
      expect(items.map((item) => item.querySelector('.td-event-what')?.textContent)).toEqual([
        'Redeposit $150.00',
        'Registration',
      ]);
    });
  });

  it('retries a failed event, and dismisses one only after asking', async () => {
    const ui = renderPanel(ANNA);
    const refused = await ui.outbox.add(
      {
        id: '7e1d2c3b-4a59-4687-9a1b-2c3d4e5f6a7b',
        type: 'registration',
        contact: ANNA,
        occurredAt: '2026-11-24T08:00:00.000Z',
      },
      'failed',
      { code: 'idempotency_conflict', message: 'This id was used for another event' },
    );
    await ui.openPanel();
    const failed = () => within(screen.getByRole('list', { name: 'Events' })).getAllByRole('listitem')[0]!;
    await waitFor(() => expect(within(failed()).getByText('Failed')).toBeTruthy());

    await ui.user.click(within(failed()).getByRole('button', { name: 'Dismiss' }));
    await ui.user.click(within(failed()).getByRole('button', { name: 'Keep it' }));
    expect(ui.background.sentAs('outbox.dismiss')).toHaveLength(0);

    await ui.user.click(within(failed()).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(within(failed()).getByText('Queued')).toBeTruthy());
    expect(ui.background.sentAs('outbox.retry')).toEqual([{ id: refused.event.id }]);

    await ui.outbox.refuse(refused.event.id, {
      code: 'idempotency_conflict',
      message: 'This id was used for another event',
    });
    await waitFor(() => expect(within(failed()).getByText('Failed')).toBeTruthy());
    await ui.user.click(within(failed()).getByRole('button', { name: 'Dismiss' }));
    await ui.user.click(within(failed()).getByRole('button', { name: 'Yes, dismiss' }));
    await waitFor(() => expect(screen.queryByText('Failed')).toBeNull());
    expect(ui.background.sentAs('outbox.dismiss')).toEqual([{ id: refused.event.id }]);
  });
});
