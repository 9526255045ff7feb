import { screen } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';

export const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** What a screen reader reads after a field's name: its hint and its error. */
export function descriptionOf(element: HTMLElement): string {
  const ids = element.getAttribute('aria-describedby')?.split(/\s+/) ?? [];
  return ids.map((id) => element.ownerDocument.getElementById(id)?.textContent ?? '').join(' ');
}

/** Send event → the type → (for deposits) the amount and currency, as a manager fills the form. */
export async function fillEvent(
  user: UserEvent,
  type: 'Registration' | 'Deposit' | 'Redeposit',
  amount?: string,
  currency?: string,
) {
  if (!screen.queryByRole('form', { name: 'Send event' }))
    await user.click(screen.getByRole('button', { name: 'Send event' }));
  await user.click(screen.getByRole('radio', { name: type }));
  if (amount !== undefined) {
    const field = screen.getByRole('textbox', { name: 'Amount' });
    await user.clear(field);
    if (amount !== '') await user.type(field, amount);
  }
  if (currency !== undefined) await user.selectOptions(screen.getByRole('combobox', { name: 'Currency' }), currency);
}
