import { afterEach, describe, expect, it } from 'vitest';
import { anyPage } from '../../lib/adapters/any-page';
import { chatwoot } from '../../lib/adapters/chatwoot';
import { pageTheme, watchPageTheme } from '../../lib/adapters/shared/page-theme';
import { telegramA } from '../../lib/adapters/telegram-a';
import { telegramK } from '../../lib/adapters/telegram-k';
import { whatsapp } from '../../lib/adapters/whatsapp';

afterEach(() => {
  document.documentElement.className = '';
  document.body.className = '';
  document.body.removeAttribute('style');
});

describe('the chat app’s theme', () => {
  it.each([
    [telegramK, () => document.documentElement.classList.add('night')],
    [telegramA, () => document.documentElement.classList.add('theme-dark')],
    [whatsapp, () => document.body.classList.add('dark')],
    [chatwoot, () => document.documentElement.classList.add('dark')],
    [chatwoot, () => document.body.classList.add('dark')],
  ])('reads $label’s dark marker as dark', (adapter, markDark) => {
    expect(pageTheme(document, adapter.darkThemeClasses)).toBe('light');
    markDark();
    expect(pageTheme(document, adapter.darkThemeClasses)).toBe('dark');
  });

  it('takes no other app’s marker for its own: Telegram Web K is not dark by WhatsApp’s class', () => {
    document.body.classList.add('dark');
    expect(pageTheme(document, telegramK.darkThemeClasses)).toBe('light');
  });

  it('takes a chat app without its dark marker as light, even on a dark background', () => {
    document.documentElement.classList.add('theme-light');
    document.body.style.backgroundColor = 'rgb(18, 18, 18)';
    expect(pageTheme(document, telegramA.darkThemeClasses)).toBe('light');
  });

  it('on a page the manager added, which marks nothing, goes by how dark its background is', () => {
    document.documentElement.classList.add('dark');
    document.body.style.backgroundColor = 'rgb(24, 26, 27)';
    expect(pageTheme(document, anyPage.darkThemeClasses)).toBe('dark');
    document.body.style.backgroundColor = 'rgb(250, 250, 250)';
    expect(pageTheme(document, anyPage.darkThemeClasses)).toBe('light');
  });

  it('follows the switch as the manager changes the app’s theme, once per change', async () => {
    const seen: string[] = [];
    const stop = watchPageTheme(document, telegramK.darkThemeClasses, (theme) => seen.push(theme));
    document.documentElement.classList.add('night');
    await new Promise((resolve) => setTimeout(resolve, 0));
    document.documentElement.classList.add('no-view-transition');
    await new Promise((resolve) => setTimeout(resolve, 0));
    document.documentElement.classList.remove('night');
    await new Promise((resolve) => setTimeout(resolve, 0));
    stop();
    document.documentElement.classList.add('night');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(seen).toEqual(['light', 'dark', 'light']);
  });
});
