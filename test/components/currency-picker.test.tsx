import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import './support/setup';
import { ANNA } from './support/demo-contacts';
import { fillEvent } from './support/form';
import { renderPanel } from './support/render-panel';

const currency = () => screen.getByRole('combobox', { name: 'Currency' }) as HTMLSelectElement;
const findBox = () => screen.getByRole('searchbox', { name: 'Find currency' });
const group = (label: string) => currency().querySelector(`optgroup[label="${label}"]`);
const codesIn = (element: Element | null) =>
  [...(element?.querySelectorAll('option') ?? [])].map((option) => option.value);

/** The panel over a background that remembers these recent currencies, the form open on a deposit. */
async function openDeposit(recent: string[] = []) {
  const remembered = [...recent];
  const ui = renderPanel(ANNA, {
    'currencies.recent': () => remembered,
    'event.submit': async (event) => {
      if (event.currency)
        remembered.splice(
          0,
          remembered.length,
          event.currency,
          ...remembered.filter((code) => code !== event.currency),
        );
      return ui.outbox.handlers['event.submit']!(event);
    },
  });
  await ui.openPanel();
  await fillEvent(ui.user, 'Deposit', '150');
  return ui;
}

describe('the currency picker', () => {
  it('offers the default currency, then the recently saved ones, then all the others by code, each once and named', async () => {
    await openDeposit(['USDT', 'EUR', 'USD']);
    await waitFor(() => expect(codesIn(group('Recent'))).toEqual(['USD', 'USDT', 'EUR']));
    const all = codesIn(group('All currencies'));
    expect(all).toEqual([...all].sort());
    expect(all).toEqual(expect.arrayContaining(['AED', 'BTC', 'JPY', 'RUB', 'TON']));
    expect(all).not.toContain('USD');
    expect(all).not.toContain('EUR');
    expect(currency().value).toBe('USD');
    expect(within(currency()).getByRole('option', { name: 'USDT — Tether' })).toBeTruthy();
    expect(within(currency()).getByRole('option', { name: 'EUR — Euro' })).toBeTruthy();
  });

  it('remembers the currency of a saved deposit: the next form offers it among the recent ones', async () => {
    const ui = await openDeposit();
    await ui.user.selectOptions(currency(), 'KZT');
    await ui.user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/^Queued/));
    await fillEvent(ui.user, 'Redeposit', '10');
    await waitFor(() => expect(codesIn(group('Recent'))).toEqual(['USD', 'KZT']));
  });

  it('narrows the list by code as the manager types, and picks the best match', async () => {
    const ui = await openDeposit(['RUB']);
    await ui.user.type(findBox(), 'eu');
    expect(currency().value).toBe('EUR');
    expect(codesIn(currency())[0]).toBe('EUR');
    expect(codesIn(currency())).not.toContain('RUB');
  });

  it('narrows by name too, crypto included: "bitc" is Bitcoin, "yen" the Japanese yen, "dirham" two of them', async () => {
    const ui = await openDeposit();
    await ui.user.type(findBox(), 'bitc');
    expect(currency().value).toBe('BTC');
    expect(within(currency()).getByRole('option', { name: 'BTC — Bitcoin' })).toBeTruthy();

    await ui.user.clear(findBox());
    await ui.user.type(findBox(), 'yen');
    expect(currency().value).toBe('JPY');

    await ui.user.clear(findBox());
    await ui.user.type(findBox(), 'dirham');
    expect(codesIn(currency())).toEqual(expect.arrayContaining(['AED', 'MAD']));
    expect(codesIn(currency())).not.toContain('USD');
  });

  it('says when nothing matches, and keeps the currency chosen last', async () => {
    const ui = await openDeposit();
    await ui.user.type(findBox(), 'q');
    expect(currency().value).toBe('QAR');
    await ui.user.type(findBox(), 'qx');
    expect(currency().value).toBe('QAR');
    expect(codesIn(currency())).toEqual(['QAR']);
    expect(screen.getByText('No currency matches')).toBeTruthy();
  });

  it('works from the keyboard: type, Enter saves in the match; Arrow Down goes to the list; Escape clears, then closes', async () => {
    const ui = await openDeposit();
    await ui.user.click(findBox());
    await ui.user.keyboard('ton');
    expect(currency().value).toBe('TON');
    await ui.user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(currency());

    await ui.user.click(findBox());
    await ui.user.keyboard('{Escape}');
    expect(findBox()).toHaveProperty('value', '');
    expect(screen.getByRole('form', { name: 'Send event' })).toBeTruthy();

    await ui.user.keyboard('usdc{Enter}');
    await waitFor(() => expect(ui.background.sentAs('event.submit')).toHaveLength(1));
    expect(ui.background.sentAs('event.submit')[0]).toMatchObject({ type: 'deposit', amount: '150', currency: 'USDC' });
  });

  it('closes the form on Escape when the find box is empty', async () => {
    const ui = await openDeposit();
    await ui.user.click(findBox());
    await ui.user.keyboard('{Escape}');
    expect(screen.queryByRole('form', { name: 'Send event' })).toBeNull();
  });
});
