import { screen, waitFor, within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import './support/setup';
import { ANNA, BORIS } from './support/demo-contacts';
import { descriptionOf } from './support/form';
import { renderPanel } from './support/render-panel';

// Intl writes Russian groups and the space before ₽ as a no-break space.
const NBSP = '\u00a0';
const status = () => screen.getByRole('status').textContent ?? '';

/** Отправить событие → Депозит → the amount as typed → the currency, as a Russian-speaking manager fills the form. */
async function fillDeposit(user: UserEvent, amount: string, currency: string) {
  await user.click(screen.getByRole('button', { name: 'Отправить событие' }));
  await user.click(screen.getByRole('radio', { name: 'Депозит' }));
  const field = screen.getByRole('textbox', { name: 'Сумма' });
  await user.clear(field);
  if (amount !== '') await user.type(field, amount);
  await user.selectOptions(screen.getByRole('combobox', { name: 'Валюта' }), currency);
  return field;
}

describe('the panel in Russian', () => {
  it('names every part in the operators’ words', async () => {
    const ui = renderPanel(BORIS, {}, 'ru');
    const panel = await ui.openPanel();
    expect(within(panel).getByRole('heading', { name: 'Данные трекера' })).toBeTruthy();
    const history = within(panel).getByRole('list', { name: 'События' });
    expect(
      within(history)
        .getAllByRole('listitem')
        .map((item) => item.querySelector('.td-event-what')?.textContent),
    ).toEqual([`Депозит 100,00${NBSP}$`, 'Регистрация']);
    expect(within(history).getAllByText('Отправлено')).toHaveLength(2);
    // Dates in Russian: day, the month's Russian abbreviation, year.
    expect(history.querySelectorAll('time')).toHaveLength(2);
    for (const time of history.querySelectorAll('time')) expect(time.textContent).toMatch(/^\d{1,2} [а-я]+\.? \d{4}/);

    await ui.user.click(within(panel).getByRole('button', { name: 'Отправить событие' }));
    const type = screen.getByRole('radiogroup', { name: 'Тип события' });
    expect(
      within(type)
        .getAllByRole('radio')
        .map((radio) => radio.closest('label')?.textContent),
    ).toEqual(['Регистрация', 'Депозит', 'Редепозит']);
    // Boris already has a first deposit: the form proposes a redeposit.
    expect(screen.getByRole('radio', { name: 'Редепозит' })).toHaveProperty('checked', true);
    expect(screen.getByRole('textbox', { name: 'Сумма' })).toBeTruthy();
    expect(screen.getByRole('combobox', { name: 'Валюта' })).toBeTruthy();
    expect(screen.getByRole('textbox', { name: 'Комментарий' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Сохранить' })).toBeTruthy();
  });

  it.each([
    ['1 234,50', '1234.5'],
    [`1${NBSP}234,50`, '1234.5'],
    ['1\u202f234,5', '1234.5'],
    ['1234,5', '1234.5'],
  ])('reads %j as typed in Russian, and shows it as 1 234,50 ₽', async (typed, amount) => {
    const ui = renderPanel(ANNA, {}, 'ru');
    await ui.openPanel();
    await fillDeposit(ui.user, typed, 'RUB');
    await ui.user.click(screen.getByRole('button', { name: 'Сохранить' }));

    await waitFor(() => expect(status()).toBe(`В очереди: Депозит 1${NBSP}234,50${NBSP}₽. Отправится автоматически.`));
    expect(ui.background.sentAs('event.submit')).toMatchObject([{ type: 'deposit', amount, currency: 'RUB' }]);
    const newest = within(screen.getByRole('list', { name: 'События' })).getAllByRole('listitem')[0]!;
    expect(newest.querySelector('.td-event-what')?.textContent).toBe(`Депозит 1${NBSP}234,50${NBSP}₽`);
    expect(within(newest).getByText('В очереди')).toBeTruthy();

    const [event] = ui.background.sentAs('event.submit');
    await ui.outbox.deliver(event!.id);
    await waitFor(() => expect(status()).toBe(`Отправлено: Депозит 1${NBSP}234,50${NBSP}₽`));
  });

  it.each([
    ['', 'RUB', 'Введите сумму'],
    ['0', 'RUB', 'Сумма должна быть больше нуля'],
    ['-150', 'RUB', 'Сумма должна быть положительной'],
    ['десять', 'RUB', 'Это не число: введите цифры и одну запятую, например 1234,50'],
    ['10,0001', 'RUB', 'Слишком много знаков после запятой: для RUB не больше 2'],
    ['1500,5', 'JPY', 'Слишком много знаков после запятой: JPY — без дробной части'],
    ['1 234 567 890 123', 'RUB', 'Слишком большая сумма: не больше 12 цифр до запятой'],
  ])('refuses %j %s at the Сумма field, in Russian', async (typed, currency, message) => {
    const ui = renderPanel(ANNA, {}, 'ru');
    await ui.openPanel();
    const field = await fillDeposit(ui.user, typed, currency);
    await ui.user.click(screen.getByRole('button', { name: 'Сохранить' }));

    await waitFor(() => expect(field.getAttribute('aria-invalid')).toBe('true'));
    expect(descriptionOf(field)).toBe(message);
    expect(ui.background.sentAs('event.submit')).toHaveLength(0);
  });

  it('says a note that is too long at the Комментарий field', async () => {
    const ui = renderPanel(ANNA, {}, 'ru');
    await ui.openPanel();
    await ui.user.click(screen.getByRole('button', { name: 'Отправить событие' }));
    const note = screen.getByRole('textbox', { name: 'Комментарий' });
    await ui.user.click(note);
    await ui.user.paste('а'.repeat(501));
    await ui.user.click(screen.getByRole('button', { name: 'Сохранить' }));

    await waitFor(() => expect(note.getAttribute('aria-invalid')).toBe('true'));
    expect(descriptionOf(note)).toContain('Комментарий длиннее 500 символов');
  });
});
