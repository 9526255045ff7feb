import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { PopupApp } from '../../components/popup/PopupApp';
import type { AddedSite, PageStatus } from '../../lib/schemas';
import { createPopupStore } from '../../lib/stores/popup-store';
import { createThisSiteStore, type ActiveTab } from '../../lib/stores/this-site-store';
import './support/setup';
import { startFakeBackground } from './support/fake-background';
import { createFakeOutbox } from './support/fake-outbox';

const CRM_TAB: ActiveTab = { id: 42, url: 'https://crm.example.com/leads/4821' };

/** The popup opened over a tab, with a background that knows the tab's page status and the added sites. */
function renderPopup({
  tab = CRM_TAB,
  grant = true,
  status = null as PageStatus | null,
  sites = [] as AddedSite[],
} = {}) {
  const background = startFakeBackground({
    ...createFakeOutbox().handlers,
    'session.get': () => ({ signedIn: false }),
    'page.status': () => status,
    'sites.list': () => sites,
    'sites.add': ({ kind, host }) => ({ ok: true, sites: [...sites, { kind, host }] }),
  });
  const requested: string[][] = [];
  const thisSite = createThisSiteStore({
    activeTab: async () => tab,
    requestOrigins: async (origins) => {
      requested.push(origins);
      return grant;
    },
  });
  const user = userEvent.setup();
  render(<PopupApp store={createPopupStore()} thisSite={thisSite} />);
  return { user, background, requested };
}

describe('the popup: Use on this site', () => {
  it('adds the page’s host as any page: asks for it, then has the background register it and inject into this tab', async () => {
    const ui = renderPopup();
    expect(
      await screen.findByText('Adds a Tracker Data button on crm.example.com. You enter the lead’s id once per page.'),
    ).toBeTruthy();
    await ui.user.click(screen.getByRole('button', { name: 'Use on this site' }));

    expect((await screen.findByText(/Tracker Data is on crm.example.com now/)).getAttribute('role')).toBe('status');
    expect(ui.requested).toEqual([['https://crm.example.com/*']]);
    expect(ui.background.sentAs('sites.add')).toEqual([{ kind: 'any-page', host: 'crm.example.com', tabId: 42 }]);
    expect(screen.queryByRole('button', { name: 'Use on this site' })).toBeNull();
  });

  it('adds nothing when the permission is not given, says so, and lets the manager try again', async () => {
    const ui = renderPopup({ grant: false });
    await ui.user.click(await screen.findByRole('button', { name: 'Use on this site' }));

    expect((await screen.findByRole('alert')).textContent).toBe(
      'Permission for crm.example.com was not given, so Tracker Data was not added there.',
    );
    expect(ui.background.sentAs('sites.add')).toHaveLength(0);
    expect(screen.getByRole('button', { name: 'Use on this site' })).toBeTruthy();
  });

  it.each([
    [
      'a chat app Tracker Data already runs on',
      { status: { site: 'Chatwoot', mount: 'header', contact: 'read' } as PageStatus },
    ],
    ['a site added before', { sites: [{ kind: 'any-page', host: 'crm.example.com' } as AddedSite] }],
    ['a plain http page', { tab: { id: 42, url: 'http://crm.example.com/leads/4821' } }],
    ['a browser page', { tab: { id: 42, url: 'chrome://settings/' } }],
    ['a tab whose address the popup may not read', { tab: { id: 42 } }],
  ])('is not offered on %s', async (_what, options) => {
    const ui = renderPopup(options);
    await screen.findByRole('button', { name: 'Sign in' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(screen.queryByRole('button', { name: 'Use on this site' })).toBeNull();
    expect(ui.requested).toHaveLength(0);
  });
});
