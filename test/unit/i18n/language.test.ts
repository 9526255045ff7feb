import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, settingsSchema } from '../../../lib/schemas';
import { resolveLocale } from '../../../lib/domain/language';

describe('the language setting', () => {
  it('reads settings stored before it existed as the browser language', () => {
    expect(settingsSchema.parse({ apiUrl: 'https://tracker.example.com', defaultCurrency: 'RUB' })).toEqual({
      apiUrl: 'https://tracker.example.com',
      defaultCurrency: 'RUB',
      language: 'auto',
    });
    expect(DEFAULT_SETTINGS.language).toBe('auto');
  });

  it('keeps a chosen language and refuses one the UI is not written in', () => {
    expect(settingsSchema.parse({ ...DEFAULT_SETTINGS, language: 'ru' }).language).toBe('ru');
    expect(settingsSchema.safeParse({ ...DEFAULT_SETTINGS, language: 'de' }).success).toBe(false);
  });
});

describe('the language the UI is shown in', () => {
  it.each([
    ['ru', 'ru'],
    ['ru-RU', 'ru'],
    ['RU', 'ru'],
    ['en-US', 'en'],
    ['uk', 'en'],
    ['de-DE', 'en'],
    ['', 'en'],
  ])('follows a browser in %j with %s', (browser, locale) => {
    expect(resolveLocale('auto', browser)).toBe(locale);
  });

  it('follows the choice in the options over the browser', () => {
    expect(resolveLocale('en', 'ru-RU')).toBe('en');
    expect(resolveLocale('ru', 'en-US')).toBe('ru');
  });
});
