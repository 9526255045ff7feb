import { afterEach, describe, expect, it } from 'vitest';
import { pageTheme, watchPageTheme } from '../../lib/adapters/shared/page-theme';

afterEach(() => {
  document.documentElement.className = '';
  document.body.className = '';
  document.body.removeAttribute('style');
});

describe('the chat app’s theme', () => {
  it.each([
    ['Telegram Web K', () => document.documentElement.classList.add('night')],
    ['Telegram Web A', () => document.documentElement.classList.add('theme-dark')],
    ['WhatsApp Web', () => document.body.classList.add('dark')],
    ['Chatwoot', () => document.documentElement.classList.add('dark')],
  ])('reads %s’s dark marker as dark', (_app, markDark) => {
    expect(pageTheme(document)).toBe('light');
    markDark();
    expect(pageTheme(document)).toBe('dark');
  });

  it('takes Telegram Web A’s light marker as light, even on a dark background', () => {
    document.documentElement.classList.add('theme-light');
    document.body.style.backgroundColor = 'rgb(18, 18, 18)';
    expect(pageTheme(document)).toBe('light');
  });

  it('on a page with no marker, goes by how dark its background is', () => {
    document.body.style.backgroundColor = 'rgb(24, 26, 27)';
    expect(pageTheme(document)).toBe('dark');
    document.body.style.backgroundColor = 'rgb(250, 250, 250)';
    expect(pageTheme(document)).toBe('light');
  });

  it('follows the switch as the manager changes the app’s theme, once per change', async () => {
    const seen: string[] = [];
    const stop = watchPageTheme(document, (theme) => seen.push(theme));
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
