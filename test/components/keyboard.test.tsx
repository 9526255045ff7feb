import { act, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import './support/setup';
import { togglePanelByCommand } from '../../entrypoints/content/panel-command';
import { ANNA, BORIS, CLARA, lookUpDemoContact } from './support/demo-contacts';
import { gate } from './support/gate';
import { renderPanel } from './support/render-panel';

/** The panel and form as a manager drives them with the keyboard alone. */

const panel = () => screen.queryByRole('complementary', { name: 'Tracker Data' });
const toggle = () => screen.getByRole('button', { name: 'Tracker Data' });

/** The accessible names Tab visits, in order, starting from where focus is now. */
async function tabOrder(user: ReturnType<typeof renderPanel>['user'], presses: number): Promise<string[]> {
  const visited: string[] = [];
  for (let i = 0; i < presses; i++) {
    await user.tab();
    const active = document.activeElement as HTMLElement | null;
    const label = active?.id ? document.querySelector(`label[for="${active.id}"]`)?.textContent : undefined;
    visited.push(label ?? active?.getAttribute('aria-label') ?? active?.textContent?.trim() ?? '');
  }
  return visited;
}

describe('the panel by keyboard', () => {
  it('moves focus into the panel when it opens, and back to the Tracker Data button when Escape closes it', async () => {
    const ui = renderPanel(ANNA);
    toggle().focus();
    await ui.user.keyboard('{Enter}');
    expect(document.activeElement).toBe(panel());

    await ui.user.keyboard('{Escape}');
    expect(panel()).toBeNull();
    expect(document.activeElement).toBe(toggle());
    expect(toggle().getAttribute('aria-expanded')).toBe('false');
  });

  it('closes by the browser shortcut pressed again, focus back on the Tracker Data button and the form kept', async () => {
    const ui = renderPanel(ANNA);
    act(() => togglePanelByCommand(ui.store));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Amount' })));
    await ui.user.keyboard('75');
    act(() => togglePanelByCommand(ui.store));
    expect(panel()).toBeNull();
    expect(document.activeElement).toBe(toggle());
    await ui.user.keyboard('{Enter}');
    expect(screen.getByRole('textbox', { name: 'Amount' })).toHaveProperty('value', '75');
  });

  it('reaches Close, Correct click id, Send event and every field of the form by Tab, in reading order', async () => {
    const ui = renderPanel(ANNA);
    await ui.openPanel();
    expect(await tabOrder(ui.user, 3)).toEqual(['Close', 'Correct click id', 'Send event']);

    await ui.user.keyboard('{Enter}');
    // Arrow keys between the radios are the browser's own (jsdom has none; the keyboard e2e presses them).
    await ui.user.click(screen.getByRole('radio', { name: 'Deposit' }));
    const visited = await tabOrder(ui.user, 8);
    const expected = ['Amount', 'Currency', 'Note', 'Save', 'Cancel'];
    expect(visited.filter((name) => expected.includes(name))).toEqual(expected);
  });
});

describe('the browser shortcut logs an event in three keys', () => {
  it('opens the panel with the form on the proposed Redeposit and focus in Amount: the amount and Enter save it', async () => {
    const ui = renderPanel(BORIS);
    act(() => togglePanelByCommand(ui.store));
    const amount = await screen.findByRole('textbox', { name: 'Amount' });
    await waitFor(() => expect(document.activeElement).toBe(amount));
    expect(screen.getByRole('radio', { name: 'Redeposit' })).toHaveProperty('checked', true);
    await ui.user.keyboard('250{Enter}');
    await waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/^Queued: Redeposit \$250\.00/));
    expect(ui.outbox.submitted()).toMatchObject([
      { type: 'redeposit', amount: '250', currency: 'USD', contact: { externalId: '777002' } },
    ]);
  });

  it('on an open panel without a form, opens the form ready', async () => {
    const ui = renderPanel(ANNA);
    await ui.openPanel();
    act(() => togglePanelByCommand(ui.store));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Amount' })));
    expect(screen.getByRole('radio', { name: 'Deposit' })).toHaveProperty('checked', true);
  });

  it('moves focus to Amount when the history, arriving after the form opened, proposes a deposit', async () => {
    const history = gate();
    const ui = renderPanel(BORIS, {
      'contact.lookup': async (request) => {
        await history.opened;
        return lookUpDemoContact(request);
      },
    });
    act(() => togglePanelByCommand(ui.store));
    const registration = screen.getByRole('radio', { name: 'Registration' });
    await waitFor(() => expect(document.activeElement).toBe(registration));
    // Enter before the history is known would log a Registration for a lead who has deposited: it waits.
    await ui.user.keyboard('{Enter}');
    expect(ui.outbox.submitted()).toEqual([]);
    history.open();
    const amount = await screen.findByRole('textbox', { name: 'Amount' });
    await waitFor(() => expect(document.activeElement).toBe(amount));
    expect(screen.getByRole('radio', { name: 'Redeposit' })).toHaveProperty('checked', true);
  });

  it('on a lead with no history, opens on Registration, focused, which Enter saves', async () => {
    const ui = renderPanel(CLARA);
    act(() => togglePanelByCommand(ui.store));
    await screen.findByText('Not known to the platform yet');
    const registration = screen.getByRole('radio', { name: 'Registration' });
    await waitFor(() => expect(document.activeElement).toBe(registration));
    await ui.user.keyboard('{Enter}');
    await waitFor(() => expect(ui.outbox.submitted()).toMatchObject([{ type: 'registration' }]));
  });
});

describe('Enter saves from any field of the form', () => {
  it('from the event type', async () => {
    const ui = renderPanel(CLARA);
    await ui.openPanel();
    await ui.user.click(screen.getByRole('button', { name: 'Send event' }));
    expect(document.activeElement).toBe(screen.getByRole('radio', { name: 'Registration' }));
    await ui.user.keyboard('{Enter}');
    await waitFor(() => expect(ui.background.sentAs('event.submit')).toMatchObject([{ type: 'registration' }]));
  });

  it('from the currency, once and with the currency chosen', async () => {
    const ui = renderPanel(ANNA);
    await ui.openPanel();
    await ui.user.click(screen.getByRole('button', { name: 'Send event' }));
    await ui.user.click(screen.getByRole('radio', { name: 'Deposit' }));
    await ui.user.type(screen.getByRole('textbox', { name: 'Amount' }), '150');
    const currency = screen.getByRole('combobox', { name: 'Currency' });
    await ui.user.selectOptions(currency, 'EUR');
    currency.focus();
    await ui.user.keyboard('{Enter}');
    await waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/^Queued/));
    expect(ui.background.sentAs('event.submit')).toMatchObject([{ type: 'deposit', amount: '150', currency: 'EUR' }]);
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Send event' })));
  });

  it('but not from the note, where Enter starts a new line', async () => {
    const ui = renderPanel(CLARA);
    await ui.openPanel();
    await ui.user.click(screen.getByRole('button', { name: 'Send event' }));
    await ui.user.type(screen.getByRole('textbox', { name: 'Note' }), 'first{Enter}second');
    expect(screen.getByRole('textbox', { name: 'Note' })).toHaveProperty('value', 'first\nsecond');
    expect(ui.background.sentAs('event.submit')).toHaveLength(0);
  });
});
