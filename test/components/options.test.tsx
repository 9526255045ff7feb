import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { OptionsApp } from '../../components/options/OptionsApp';
import type { Settings } from '../../lib/schemas';
import { createOptionsStore } from '../../lib/stores/options-store';
import './support/setup';
import { startFakeBackground } from './support/fake-background';
import { descriptionOf } from './support/form';

/** The options page over a background holding the default settings, and a browser that grants or denies origins. */
function renderOptions(grant: boolean) {
  let settings: Settings = { apiUrl: 'http://127.0.0.1:8787', defaultCurrency: 'USD', language: 'auto' };
  const background = startFakeBackground({
    'settings.get': () => settings,
    'settings.save': (next) => {
      settings = next;
      return settings;
    },
  });
  const requested: string[][] = [];
  const store = createOptionsStore({
    requestOrigins: async (origins) => {
      requested.push(origins);
      return grant;
    },
  });
  const user = userEvent.setup();
  render(<OptionsApp store={store} />);
  return { user, background, requested, saved: () => settings };
}

async function enterApiUrl(user: ReturnType<typeof userEvent.setup>, url: string) {
  const field = await screen.findByRole('textbox', { name: 'API URL' });
  await waitFor(() => expect(field).toHaveProperty('value', 'http://127.0.0.1:8787'));
  await user.clear(field);
  await user.type(field, url);
  await user.click(screen.getByRole('button', { name: 'Save' }));
  return field;
}

describe('the options page', () => {
  it('refuses an API URL that is not one, at the field, and saves nothing', async () => {
    const ui = renderOptions(true);
    const field = await enterApiUrl(ui.user, 'tracker dot example');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(descriptionOf(field)).toContain('Enter a full URL, like https://tracker.example.com');
    expect(ui.background.sentAs('settings.save')).toHaveLength(0);
    expect(ui.requested).toHaveLength(0);
  });

  it('refuses plain http:// off loopback', async () => {
    const ui = renderOptions(true);
    const field = await enterApiUrl(ui.user, 'http://tracker.example.com');
    expect(descriptionOf(field)).toContain('Use https://');
    expect(ui.background.sentAs('settings.save')).toHaveLength(0);
  });

  it("asks for the API origin's permission, and saves nothing when it is denied", async () => {
    const ui = renderOptions(false);
    const field = await enterApiUrl(ui.user, 'https://tracker.example.com/');
    await waitFor(() => expect(field.getAttribute('aria-invalid')).toBe('true'));
    expect(ui.requested).toEqual([['https://tracker.example.com/*']]);
    expect(descriptionOf(field)).toContain(
      'Permission to reach https://tracker.example.com was not given, so nothing was saved.',
    );
    expect(ui.background.sentAs('settings.save')).toHaveLength(0);
    expect(screen.getByRole('status').textContent).toBe('');
  });

  it('saves a granted API URL and the default currency', async () => {
    const ui = renderOptions(true);
    await ui.user.selectOptions(await screen.findByRole('combobox', { name: 'Default currency' }), 'EUR');
    await enterApiUrl(ui.user, 'https://tracker.example.com/api/');
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Saved'));
    expect(ui.requested).toEqual([['https://tracker.example.com/*']]);
    expect(ui.saved()).toEqual({ apiUrl: 'https://tracker.example.com/api', defaultCurrency: 'EUR', language: 'auto' });
  });

  it('saves a loopback API URL without asking for a permission the manifest already has', async () => {
    const ui = renderOptions(false);
    await enterApiUrl(ui.user, 'http://localhost:9000');
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Saved'));
    expect(ui.requested).toHaveLength(0);
    expect(ui.saved().apiUrl).toBe('http://localhost:9000');
  });
});
