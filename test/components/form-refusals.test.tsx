import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import './support/setup';
import { ANNA } from './support/demo-contacts';
import { Refusal } from './support/fake-background';
import { descriptionOf, fillEvent } from './support/form';
import { renderPanel } from './support/render-panel';

const amountField = () => screen.getByRole('textbox', { name: 'Amount' });
const save = (ui: ReturnType<typeof renderPanel>) => ui.user.click(screen.getByRole('button', { name: 'Save' }));

describe('the form refuses bad input at its field, and sends nothing', () => {
  it.each([
    ['nothing', '', 'USD', 'Enter an amount'],
    ['zero', '0', 'USD', 'The amount must be greater than zero'],
    ['zero written with decimals', '0,00', 'EUR', 'The amount must be greater than zero'],
    ['a negative amount', '-150', 'USD', 'The amount must be positive'],
    ['a negative amount with a typographic minus', '\u2212150', 'USD', 'The amount must be positive'],
    ['a number in exponent form', '1e5', 'USD', 'Not a number'],
    ['letters', 'ten', 'USD', 'Not a number'],
    ['too many decimals for dollars', '10.0001', 'USD', 'Too many decimals: USD allows at most 2 decimals'],
    ['any decimals for yen', '1500.5', 'JPY', 'Too many decimals: JPY allows no decimals'],
    ['a fourth decimal for dinars', '1.2345', 'KWD', 'Too many decimals: KWD allows at most 3 decimals'],
    ['13 digits before the point', '1234567890123', 'USD', 'Too large: at most 12 digits before the decimal point'],
    [
      '13 digits written in groups',
      '1 234 567 890 123,50',
      'EUR',
      'Too large: at most 12 digits before the decimal point',
    ],
  ])('%s (%s %s)', async (_what, typed, currency, message) => {
    const ui = renderPanel(ANNA);
    await ui.openPanel();
    await fillEvent(ui.user, 'Deposit', typed, currency);
    await save(ui);

    expect(amountField().getAttribute('aria-invalid')).toBe('true');
    expect(descriptionOf(amountField())).toContain(message);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(ui.background.sentAs('event.submit')).toHaveLength(0);
  });

  it('takes the most the platform allows: 12 digits and the currency’s decimals', async () => {
    const ui = renderPanel(ANNA);
    await ui.openPanel();
    await fillEvent(ui.user, 'Deposit', '999 999 999 999,99', 'EUR');
    await save(ui);
    await waitFor(() => expect(ui.background.sentAs('event.submit')).toHaveLength(1));
    expect(ui.background.sentAs('event.submit')[0]).toMatchObject({ amount: '999999999999.99', currency: 'EUR' });
  });

  it('an unknown currency (a draft from before the list changed), at the Currency field', async () => {
    const ui = renderPanel(ANNA);
    await ui.openPanel();
    await fillEvent(ui.user, 'Deposit', '150');
    act(() => ui.store.getState().editForm({ currency: 'XYZ' }));
    await save(ui);

    const currency = screen.getByRole('combobox', { name: 'Currency' });
    expect(currency.getAttribute('aria-invalid')).toBe('true');
    expect(descriptionOf(currency)).toBe('Unknown currency');
    expect(ui.background.sentAs('event.submit')).toHaveLength(0);
  });

  it('a note over 500 characters, at the Note field; 500 go through', async () => {
    const ui = renderPanel(ANNA);
    await ui.openPanel();
    await fillEvent(ui.user, 'Registration');
    const note = screen.getByRole('textbox', { name: 'Note' });
    act(() => ui.store.getState().editForm({ note: 'n'.repeat(501) }));
    await save(ui);

    expect(note.getAttribute('aria-invalid')).toBe('true');
    expect(descriptionOf(note)).toContain('The note is longer than 500 characters');
    expect(ui.background.sentAs('event.submit')).toHaveLength(0);

    act(() => ui.store.getState().editForm({ note: `  ${'n'.repeat(500)}  ` }));
    await save(ui);
    await waitFor(() => expect(ui.background.sentAs('event.submit')).toHaveLength(1));
    expect(ui.background.sentAs('event.submit')[0]?.note).toBe('n'.repeat(500));
  });
});

describe('the platform’s refusal of a field', () => {
  it.each([
    ['amount', 'Amount', 'textbox', 'Too many decimals for USD'],
    ['currency', 'Currency', 'combobox', 'Unknown currency'],
    ['note', 'Note', 'textbox', 'The note is longer than 500 characters'],
  ] as const)('when the background refuses the %s, its message shows at %s', async (field, label, role, message) => {
    const ui = renderPanel(ANNA, {
      'event.submit': () => {
        throw new Refusal({
          code: 'validation_failed',
          message: 'The event is not valid',
          fields: { [field]: message },
        });
      },
    });
    await ui.openPanel();
    await fillEvent(ui.user, 'Deposit', '150', 'USD');
    await save(ui);

    const input = screen.getByRole(role, { name: label });
    await waitFor(() => expect(input.getAttribute('aria-invalid')).toBe('true'));
    expect(descriptionOf(input)).toContain(message);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('a field outside the form (the contact) shows above Save, with the manager’s values kept', async () => {
    const ui = renderPanel(ANNA, {
      'event.submit': () => {
        throw new Refusal({
          code: 'validation_failed',
          message: 'The event is not valid',
          fields: { 'contact.externalId': 'The contact id is longer than 128 characters' },
        });
      },
    });
    await ui.openPanel();
    await fillEvent(ui.user, 'Deposit', '150', 'USD');
    await save(ui);
    expect((await screen.findByRole('alert')).textContent).toBe('The contact id is longer than 128 characters');
    expect(amountField()).toHaveProperty('value', '150');
  });

  it('a 422 the platform gave on delivery shows on the failed event, naming the field and its message', async () => {
    const ui = renderPanel(ANNA);
    await ui.openPanel();
    await fillEvent(ui.user, 'Deposit', '150', 'USD');
    await save(ui);
    await waitFor(() => expect(ui.background.sentAs('event.submit')).toHaveLength(1));
    const [event] = ui.background.sentAs('event.submit');

    await ui.outbox.refuse(event!.id, {
      code: 'validation_failed',
      message: 'The event breaks a rule of the contract',
      fields: { amount: 'At most 12 digits before the decimal point' },
    });

    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toBe(
        'Failed: Deposit $150.00. The event breaks a rule of the contract',
      ),
    );
    const failed = within(screen.getByRole('list', { name: 'Events' })).getAllByRole('listitem')[0]!;
    expect(within(failed).getByText('The platform refused it: The event breaks a rule of the contract')).toBeTruthy();
    expect(within(failed).getByText('amount: At most 12 digits before the decimal point')).toBeTruthy();
    expect(within(failed).getByText('Send a new event with the values corrected, then dismiss this one.')).toBeTruthy();
  });
});
