import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import './support/setup';
import { ANNA, BORIS, lookUpDemoContact } from './support/demo-contacts';
import { createFakeOutbox } from './support/fake-outbox';
import { fillEvent } from './support/form';
import { gate } from './support/gate';
import { renderPanel } from './support/render-panel';

const status = () => screen.getByRole('status').textContent ?? '';

describe('switching chats with the panel open', () => {
  it('keeps a half-filled form as a draft for its contact and brings it back', async () => {
    const ui = renderPanel(ANNA);
    await ui.openPanel();
    await fillEvent(ui.user, 'Deposit', '150', 'EUR');
    await ui.user.type(screen.getByRole('textbox', { name: 'Note' }), 'first payment');

    ui.switchTo(BORIS);
    expect(screen.getByText('Boris Ivanov')).toBeTruthy();
    expect(screen.queryByRole('form', { name: 'Send event' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Send event' })).toBeTruthy();

    ui.switchTo(ANNA);
    expect(screen.getByRole('radio', { name: 'Deposit' })).toHaveProperty('checked', true);
    expect(screen.getByRole('textbox', { name: 'Amount' })).toHaveProperty('value', '150');
    expect(screen.getByRole('combobox', { name: 'Currency' })).toHaveProperty('value', 'EUR');
    expect(screen.getByRole('textbox', { name: 'Note' })).toHaveProperty('value', 'first payment');
    expect(ui.background.sentAs('event.submit')).toHaveLength(0);
  });

  it("sends the event for the contact open when Save is pressed, leaving the other contact's draft alone", async () => {
    const ui = renderPanel(ANNA);
    await ui.openPanel();
    await fillEvent(ui.user, 'Deposit', '150', 'USD');

    ui.switchTo(BORIS);
    await fillEvent(ui.user, 'Redeposit', '75', 'USD');
    await ui.user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(ui.background.sentAs('event.submit')).toHaveLength(1));
    expect(ui.background.sentAs('event.submit')[0]).toMatchObject({
      type: 'redeposit',
      amount: '75',
      contact: { externalId: '777002', displayName: 'Boris Ivanov' },
    });

    ui.switchTo(ANNA);
    expect(screen.getByRole('textbox', { name: 'Amount' })).toHaveProperty('value', '150');
  });

  it('keeps an event on the contact it was saved for when the chat changes before the background answers', async () => {
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
    await ui.user.click(screen.getByRole('button', { name: 'Save' }));

    ui.switchTo(BORIS);
    answer.open();
    await waitFor(() => expect(status()).toBe('Queued: Deposit $150.00 for Anna Petrova. It will go by itself.'));
    expect(ui.background.sentAs('event.submit')[0]?.contact).toMatchObject({ externalId: '777001' });
    expect(screen.queryByText('Deposit $150.00')).toBeNull();

    ui.switchTo(ANNA);
    expect(screen.queryByRole('form', { name: 'Send event' })).toBeNull();
  });

  it('ignores the answer about a chat the manager already left', async () => {
    const slowAnna = gate();
    const ui = renderPanel(ANNA, {
      'contact.lookup': async (key) => {
        if (key.externalId === '777001') await slowAnna.opened;
        return lookUpDemoContact(key);
      },
    });
    await ui.user.click(screen.getByRole('button', { name: 'Tracker Data' }));
    ui.switchTo(BORIS);
    expect(await screen.findByText('clk_b0r15')).toBeTruthy();
    slowAnna.open();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(screen.queryByText('clk_7f3a9c')).toBeNull();
    expect(screen.getByText('clk_b0r15')).toBeTruthy();
  });
});
