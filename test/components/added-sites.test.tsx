import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Locale } from '../../components/i18n/text';
import { OptionsApp } from '../../components/options/OptionsApp';
import type { AddedSite } from '../../lib/schemas';
import { createOptionsStore } from '../../lib/stores/options-store';
import { createSitesStore } from '../../lib/stores/sites-store';
import './support/setup';
import { startFakeBackground } from './support/fake-background';
import { descriptionOf } from './support/form';

const AGENCY = 'chat.example-agency.com';

/** The options page over a background that keeps the added sites, and a browser that grants or denies hosts. */
function renderOptions({ grant = true, sites: initial = [] as AddedSite[], locale = 'en' as Locale } = {}) {
  let sites = initial;
  const background = startFakeBackground({
    'settings.get': () => ({ apiUrl: 'http://127.0.0.1:8787', defaultCurrency: 'USD', language: 'auto' }),
    'sites.list': () => sites,
    'sites.add': ({ kind, host }) => {
      if (host === 'web.telegram.org') return { ok: false, reason: 'built_in' };
      sites = [...sites.filter((site) => site.host !== host), { kind, host }];
      return { ok: true, sites };
    },
    'sites.remove': ({ host }) => {
      sites = sites.filter((site) => site.host !== host);
      return sites;
    },
  });
  /** Each request with how many messages the page had sent by then: 1 (the list) means it came first in the click. */
  const requested: { origins: string[]; messagesBefore: number }[] = [];
  const requestOrigins = async (origins: string[]) => {
    requested.push({
      origins,
      messagesBefore: background.sent.filter((message) => message.name.startsWith('sites.')).length,
    });
    return grant;
  };
  const user = userEvent.setup();
  render(
    <OptionsApp
      store={createOptionsStore({ requestOrigins })}
      sites={createSitesStore({ requestOrigins })}
      locale={locale}
    />,
  );
  return { user, background, requested, sites: () => sites };
}

async function addDomain(user: ReturnType<typeof userEvent.setup>, text: string) {
  const field = await screen.findByRole('textbox', { name: 'Chatwoot domain' });
  await user.type(field, text);
  await user.click(screen.getByRole('button', { name: 'Add domain' }));
  return field;
}

const chatwootList = () => screen.findByRole('list', { name: 'Chatwoot domains' });

describe('the options page: Chatwoot domains', () => {
  it('adds a domain pasted as any URL of it: asks for its host first thing in the click, then lists it', async () => {
    const ui = renderOptions();
    await screen.findByText('No self-hosted Chatwoot added.');
    await addDomain(ui.user, `https://${AGENCY}/app/accounts/1/dashboard`);

    expect(within(await chatwootList()).getByText(AGENCY)).toBeTruthy();
    expect(ui.requested).toEqual([{ origins: [`https://${AGENCY}/*`], messagesBefore: 1 }]);
    expect(ui.background.sentAs('sites.add')).toEqual([{ kind: 'chatwoot', host: AGENCY }]);
    expect(
      screen.getByText(`${AGENCY} added. Reload its open tabs to use Tracker Data there.`).getAttribute('role'),
    ).toBe('status');
    expect(screen.getByRole('textbox', { name: 'Chatwoot domain' })).toHaveProperty('value', '');
  });

  it('adds nothing when the browser’s permission is not given, and says so', async () => {
    const ui = renderOptions({ grant: false });
    await addDomain(ui.user, AGENCY);

    expect((await screen.findByRole('alert')).textContent).toBe(
      `Permission for ${AGENCY} was not given, so it was not added.`,
    );
    expect(ui.background.sentAs('sites.add')).toHaveLength(0);
    expect(ui.sites()).toEqual([]);
  });

  it.each([
    ['app.chatwoot.com', 'Chatwoot Cloud (app.chatwoot.com) works without adding it'],
    ['http://chat.example-agency.com', 'Chatwoot must be served over https://'],
    ['my chatwoot', 'Enter a domain name, like chat.example.com'],
  ])('refuses %s at the field, without asking the browser', async (text, message) => {
    const ui = renderOptions();
    const field = await addDomain(ui.user, text);

    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(descriptionOf(field)).toContain(message);
    expect(ui.requested).toHaveLength(0);
  });

  it.each([
    ['app.chatwoot.com', 'Chatwoot Cloud (app.chatwoot.com) работает без добавления'],
    ['http://chat.example-agency.com', 'Chatwoot должен работать по https://'],
    ['my chatwoot', 'Введите доменное имя, например chat.example.com'],
  ])('refuses %s in Russian, in the operators’ words', async (text, message) => {
    const ui = renderOptions({ locale: 'ru' });
    const field = await screen.findByRole('textbox', { name: 'Домен Chatwoot' });
    await ui.user.type(field, text);
    await ui.user.click(screen.getByRole('button', { name: 'Добавить домен' }));

    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(descriptionOf(field)).toContain(message);
    expect(ui.requested).toHaveLength(0);
  });

  it('says so when Tracker Data already works on the host', async () => {
    const ui = renderOptions();
    await addDomain(ui.user, 'web.telegram.org');
    expect((await screen.findByRole('alert')).textContent).toBe('Tracker Data already works on web.telegram.org.');
  });

  it('removes a domain with its Remove button', async () => {
    const ui = renderOptions({ sites: [{ kind: 'chatwoot', host: AGENCY }] });
    const item = within(await chatwootList()).getByRole('listitem');
    await ui.user.click(within(item).getByRole('button', { name: 'Remove' }));

    await screen.findByText('No self-hosted Chatwoot added.');
    expect(ui.background.sentAs('sites.remove')).toEqual([{ host: AGENCY }]);
    expect(screen.getByText(`${AGENCY} removed.`).getAttribute('role')).toBe('status');
  });
});

describe('the options page: other sites', () => {
  it('lists the pages added from the popup, each removable, and hides the section when there are none', async () => {
    const ui = renderOptions({
      sites: [
        { kind: 'chatwoot', host: AGENCY },
        { kind: 'any-page', host: 'crm.example.com' },
      ],
    });
    const other = await screen.findByRole('list', { name: 'Other sites' });
    expect(
      within(other)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['crm.example.comRemove']);

    await ui.user.click(within(other).getByRole('button', { name: 'Remove' }));
    await waitFor(() => expect(screen.queryByRole('heading', { name: 'Other sites' })).toBeNull());
    expect(within(await chatwootList()).getByText(AGENCY)).toBeTruthy();
  });
});
