import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { FollowLanguage } from '../../components/i18n/FollowLanguage';
import { OptionsApp } from '../../components/options/OptionsApp';
import { PopupApp } from '../../components/popup/PopupApp';
import { DEFAULT_SETTINGS, stored, type Settings } from '../../lib/schemas';
import { createLanguageStore } from '../../lib/stores/language-store';
import { createOptionsStore } from '../../lib/stores/options-store';
import { createPopupStore } from '../../lib/stores/popup-store';
import './support/setup';
import { startFakeBackground } from './support/fake-background';
import { createFakeOutbox } from './support/fake-outbox';

/** A background that keeps the settings where the real one does, so every page hears of a change. */
function settingsBackground(initial: Partial<Settings>) {
  let settings: Settings = { ...DEFAULT_SETTINGS, ...initial };
  return startFakeBackground({
    'settings.get': () => settings,
    'settings.save': async (next) => {
      settings = next;
      await fakeBrowser.storage.local.set({ [stored.settings.key]: settings });
      return settings;
    },
  });
}

/** The options page as entrypoints/options wires it, in a browser whose language is `browserLanguage`. */
function renderOptions(browserLanguage: string) {
  const language = createLanguageStore(() => browserLanguage);
  const store = createOptionsStore({ requestOrigins: async () => true });
  render(<FollowLanguage store={language}>{(locale) => <OptionsApp store={store} locale={locale} />}</FollowLanguage>);
  return userEvent.setup();
}

describe('the options page in Russian', () => {
  it('follows a Russian browser', async () => {
    settingsBackground({});
    renderOptions('ru-RU');
    expect(await screen.findByRole('heading', { name: 'Настройки Tracker Data' })).toBeTruthy();
    expect(screen.getByRole('textbox', { name: 'API URL' })).toBeTruthy();
    expect(screen.getByRole('combobox', { name: 'Валюта по умолчанию' })).toBeTruthy();
    const language = screen.getByRole('combobox', { name: 'Язык' });
    expect([...(language as HTMLSelectElement).options].map((option) => option.textContent)).toEqual([
      'Язык браузера',
      'English',
      'Русский',
    ]);
    expect(screen.getByRole('button', { name: 'Сохранить' })).toBeTruthy();
  });

  it('says what is wrong with the API URL in Russian, at the field', async () => {
    const background = settingsBackground({});
    const user = renderOptions('ru-RU');
    const field = await screen.findByRole('textbox', { name: 'API URL' });
    await waitFor(() => expect(field).toHaveProperty('value', DEFAULT_SETTINGS.apiUrl));
    await user.clear(field);
    await user.type(field, 'http://tracker.example.com');
    await user.click(screen.getByRole('button', { name: 'Сохранить' }));
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(await screen.findByText('Используйте https:// (http:// — только для 127.0.0.1 или localhost)')).toBeTruthy();
    expect(background.sentAs('settings.save')).toHaveLength(0);
  });

  it('switches the language when the manager chooses another and saves', async () => {
    const background = settingsBackground({});
    const user = renderOptions('en-US');
    const language = await screen.findByRole('combobox', { name: 'Language' });
    await waitFor(() =>
      expect(screen.getByRole('textbox', { name: 'API URL' })).toHaveProperty('value', DEFAULT_SETTINGS.apiUrl),
    );
    await user.selectOptions(language, 'Русский');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByRole('heading', { name: 'Настройки Tracker Data' })).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('Сохранено');
    expect(screen.getByRole('combobox', { name: 'Язык' })).toHaveProperty('value', 'ru');
    expect(background.sentAs('settings.save')).toMatchObject([{ language: 'ru' }]);

    await user.selectOptions(screen.getByRole('combobox', { name: 'Язык' }), 'Язык браузера');
    await user.click(screen.getByRole('button', { name: 'Сохранить' }));
    expect(await screen.findByRole('heading', { name: 'Tracker Data settings' })).toBeTruthy();
  });

  it('shows English over a Russian browser when the manager chose English', async () => {
    settingsBackground({ language: 'en' });
    renderOptions('ru');
    expect(await screen.findByRole('heading', { name: 'Tracker Data settings' })).toBeTruthy();
    expect(screen.getByRole('combobox', { name: 'Language' })).toHaveProperty('value', 'en');
  });
});

describe('the popup in Russian', () => {
  it('signs in and out by its Russian names', async () => {
    const operator = { id: 'op_demo', name: 'Demo Manager', email: 'demo@tracker.test' };
    let session: { signedIn: false } | { signedIn: true; operator: typeof operator } = { signedIn: false };
    startFakeBackground({
      ...createFakeOutbox().handlers,
      'session.get': () => session,
      'session.signIn': ({ email, password }) => {
        if (email !== operator.email || password !== 'demo-password') {
          return { ok: false, error: { code: 'invalid_credentials', message: 'Invalid email or password' } };
        }
        session = { signedIn: true, operator };
        return { ok: true, session };
      },
      'session.signOut': () => {
        session = { signedIn: false };
        return session;
      },
    });
    const user = userEvent.setup();
    render(<PopupApp store={createPopupStore()} locale="ru" />);

    await user.type(await screen.findByRole('textbox', { name: 'Email' }), 'demo@tracker.test');
    await user.type(screen.getByLabelText('Пароль'), 'wrong');
    await user.click(screen.getByRole('button', { name: 'Войти' }));
    expect(await screen.findByText('Неверный email или пароль')).toBeTruthy();

    await user.clear(screen.getByLabelText('Пароль'));
    await user.type(screen.getByLabelText('Пароль'), 'demo-password');
    await user.click(screen.getByRole('button', { name: 'Войти' }));
    expect(await screen.findByText('Вы вошли как Demo Manager (demo@tracker.test)')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Выйти' }));
    expect(await screen.findByRole('button', { name: 'Войти' })).toBeTruthy();
  });
});
