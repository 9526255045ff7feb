import { act, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import './support/setup';
import { togglePanelByCommand } from '../../entrypoints/content/panel-command';
import { ANNA, CLARA } from './support/demo-contacts';
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

  it('opens and closes by the browser shortcut, focus following the panel', async () => {
    const ui = renderPanel(ANNA);
    act(() => togglePanelByCommand(ui.store));
    expect(document.activeElement).toBe(panel());
    act(() => togglePanelByCommand(ui.store));
    expect(panel()).toBeNull();
    expect(document.activeElement).toBe(toggle());
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
