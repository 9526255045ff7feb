import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openConsole } from './support/render-console';
import { DEPOSIT } from './support/events';
import { startFakeAdminApi, type FakeAdminApi } from './support/fake-admin-api';
import { en } from '../../server/console/app/i18n/en';
import { ru } from '../../server/console/app/i18n/ru';

let api: FakeAdminApi;
beforeEach(async () => {
  api = await startFakeAdminApi({
    destinations: [
      {
        id: 'dest-k',
        name: 'Keitaro',
        kind: 'keitaro',
        url: 'https://kt.example/••••/postback',
        enabled: true,
        events: ['deposit'],
        statusMap: { registration: 'lead', deposit: 'sale', redeposit: 'rebill' },
        today: { delivered: 0, pending: 0, held: 0, failed: 1 },
      },
    ],
    events: [structuredClone(DEPOSIT)],
  });
});
afterEach(() => api.close());

/** The names of server.md's UI contract table, in Russian. */
describe('the console in Russian', () => {
  it('signs in with Email, Пароль, Войти and navigates by Менеджеры, Назначения, Приёмники, События', async () => {
    const user = await openConsole(api, { locale: 'ru' });
    expect(document.documentElement.lang).toBe('ru');
    const nav = screen.getByRole('navigation', { name: 'Консоль' });
    for (const name of ['Менеджеры', 'Назначения', 'Приёмники', 'События'])
      expect(within(nav).getByRole('link', { name })).toBeTruthy();
    expect(await screen.findByRole('button', { name: 'Добавить менеджера' })).toBeTruthy();

    await user.click(within(nav).getByRole('link', { name: 'Назначения' }));
    expect(await screen.findByRole('button', { name: 'Добавить назначение' })).toBeTruthy();
    expect(await screen.findByRole('button', { name: 'Проверить' })).toBeTruthy();

    await user.click(within(nav).getByRole('link', { name: 'Приёмники' }));
    expect(await screen.findByRole('button', { name: 'Добавить приёмник' })).toBeTruthy();

    await user.click(within(nav).getByRole('link', { name: 'События' }));
    expect(await screen.findByRole('button', { name: 'Отправить снова' })).toBeTruthy();
    expect(screen.getByText('Binom: ошибка (попыток: 3) — 400 unknown cnv_id')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Выйти' }));
    expect(await screen.findByRole('button', { name: 'Войти' })).toBeTruthy();
  });

  it('switches language from the header, and the pick is remembered', async () => {
    const user = await openConsole(api);
    await user.selectOptions(screen.getByLabelText('Language'), 'Русский');
    expect(await screen.findByRole('link', { name: 'Менеджеры' })).toBeTruthy();
    expect(screen.getByLabelText('Язык')).toBeTruthy();
    expect(window.localStorage.getItem('tracker-data-console.locale')).toBe('ru');
  });

  it('has every English string in Russian, with the same placeholders', () => {
    for (const id of Object.keys(en) as (keyof typeof en)[]) {
      const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();
      expect(placeholders(ru[id]), id).toEqual(placeholders(en[id]));
    }
  });
});
