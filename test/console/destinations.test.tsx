import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AdminDestination } from '../../lib/schemas/admin-deliveries';
import { openConsole } from './support/render-console';
import { startFakeAdminApi, type FakeAdminApi } from './support/fake-admin-api';

const KEITARO: AdminDestination = {
  id: 'dest-k',
  name: 'Main Keitaro',
  kind: 'keitaro',
  url: 'https://kt.example/••••••/postback',
  enabled: true,
  events: ['registration', 'deposit', 'redeposit'],
  statusMap: { registration: 'lead', deposit: 'sale', redeposit: 'rebill' },
  today: { delivered: 12, pending: 3, held: 2, failed: 1 },
};

let api: FakeAdminApi;
beforeEach(async () => {
  api = await startFakeAdminApi({ destinations: [structuredClone(KEITARO)] });
});
afterEach(() => api.close());

const card = async (name: string) => (await screen.findByRole('article', { name })) as HTMLElement;

describe('the Destinations page', () => {
  it('shows each destination with its counts of delivered, pending, held and failed today', async () => {
    await openConsole(api, { hash: '#/destinations' });
    const keitaro = await card('Main Keitaro');
    const count = (state: string) =>
      within(keitaro).getByText(state, { selector: 'dt' }).nextElementSibling?.textContent;
    expect(within(keitaro).getByRole('heading', { name: 'Today' })).toBeTruthy();
    expect([count('delivered'), count('pending'), count('held'), count('failed')]).toEqual(['12', '3', '2', '1']);
    expect(within(keitaro).getByText('https://kt.example/••••••/postback')).toBeTruthy();
  });

  it('shows the counts of today in Russian, each under its state’s Russian name', async () => {
    await openConsole(api, { hash: '#/destinations', locale: 'ru' });
    const keitaro = await card('Main Keitaro');
    const count = (state: string) =>
      within(keitaro).getByText(state, { selector: 'dt' }).nextElementSibling?.textContent;
    expect(within(keitaro).getByRole('heading', { name: 'Сегодня' })).toBeTruthy();
    expect([count('доставлено'), count('в очереди'), count('ждёт click id'), count('ошибка')]).toEqual([
      '12',
      '3',
      '2',
      '1',
    ]);
  });

  it('adds a destination from a preset: the help says where the tracker shows its URL, the status map is the preset’s', async () => {
    const user = await openConsole(api, { hash: '#/destinations' });
    await user.click(await screen.findByRole('button', { name: 'Add destination' }));
    const form = screen.getByRole('form', { name: 'Add destination' });
    const tracker = within(form).getByLabelText('Tracker');
    expect(tracker.getAttribute('aria-describedby')).toBeTruthy();
    expect(within(form).getByText(/Maintenance → Postback URL/)).toBeTruthy();
    await user.selectOptions(tracker, 'chatterfy');
    expect(within(form).getByText(/tracker-postback/)).toBeTruthy();
    expect((within(form).getByLabelText('Deposit status') as HTMLInputElement).value).toBe('sale');
    expect((within(form).getByLabelText('Redeposit status') as HTMLInputElement).value).toBe('resale');
    await user.type(within(form).getByLabelText('Name'), 'Chatterfy bot');
    await user.type(
      within(form).getByLabelText('Postback URL'),
      'https://api.chatterfy.ai/api/postbacks/abc/tracker-postback',
    );
    await user.click(within(form).getByRole('checkbox', { name: 'Registration' }));
    await user.click(within(form).getByRole('button', { name: 'Save destination' }));
    expect(await card('Chatterfy bot')).toBeTruthy();
    expect(api.calls('POST', '/api/v1/admin/destinations')[0]?.body).toEqual({
      name: 'Chatterfy bot',
      kind: 'chatterfy',
      url: 'https://api.chatterfy.ai/api/postbacks/abc/tracker-postback',
      enabled: true,
      events: ['deposit', 'redeposit'],
      statusMap: { registration: 'registration', deposit: 'sale', redeposit: 'resale' },
    });
  });

  it('says at the field what is wrong, and sends nothing, for a URL that is not one', async () => {
    const user = await openConsole(api, { hash: '#/destinations' });
    await user.click(await screen.findByRole('button', { name: 'Add destination' }));
    const form = screen.getByRole('form', { name: 'Add destination' });
    await user.type(within(form).getByLabelText('Name'), 'Broken');
    await user.type(within(form).getByLabelText('Postback URL'), 'kt.example/postback');
    await user.click(within(form).getByRole('button', { name: 'Save destination' }));
    const url = within(form).getByLabelText('Postback URL');
    expect(url.getAttribute('aria-invalid')).toBe('true');
    expect(within(form).getByText('Enter a full URL, starting with https://')).toBeTruthy();
    expect(api.calls('POST', '/api/v1/admin/destinations')).toHaveLength(0);
  });

  it('edits the status map and event types, sending the masked URL back untouched', async () => {
    const user = await openConsole(api, { hash: '#/destinations' });
    await user.click(within(await card('Main Keitaro')).getByRole('button', { name: 'Edit Main Keitaro' }));
    const form = screen.getByRole('form', { name: 'Edit Main Keitaro' });
    const deposit = within(form).getByLabelText('Deposit status');
    await user.clear(deposit);
    await user.type(deposit, 'dep');
    await user.click(within(form).getByRole('checkbox', { name: 'Redeposit' }));
    await user.click(within(form).getByRole('button', { name: 'Save destination' }));
    await screen.findByText('Main Keitaro saved.');
    expect(api.calls('PUT', '/api/v1/admin/destinations/dest-k')[0]?.body).toMatchObject({
      id: 'dest-k',
      url: 'https://kt.example/••••••/postback',
      events: ['registration', 'deposit'],
      statusMap: { registration: 'lead', deposit: 'dep', redeposit: 'rebill' },
    });
    expect(api.calls('PUT', '/api/v1/admin/destinations/dest-k')[0]?.body).not.toHaveProperty('today');
    expect(await within(await card('Main Keitaro')).findByText('Registration → lead · Deposit → dep')).toBeTruthy();
  });

  it('disables and enables a destination', async () => {
    const user = await openConsole(api, { hash: '#/destinations' });
    await user.click(within(await card('Main Keitaro')).getByRole('button', { name: 'Disable' }));
    await waitFor(async () => expect(within(await card('Main Keitaro')).getByText('Keitaro · Off')).toBeTruthy());
    expect(api.data.destinations[0]?.enabled).toBe(false);
    await user.click(within(await card('Main Keitaro')).getByRole('button', { name: 'Enable' }));
    await waitFor(() => expect(api.data.destinations[0]?.enabled).toBe(true));
  });

  it('Test sends one postback and shows the request, secrets masked as the server gave it, and the tracker’s answer', async () => {
    api.data.testAnswer = { status: 200, body: 'Conversion saved' };
    const user = await openConsole(api, { hash: '#/destinations' });
    const keitaro = await card('Main Keitaro');
    await user.click(within(keitaro).getByText('Test values'));
    const clickId = within(keitaro).getByLabelText('Click id');
    await user.clear(clickId);
    await user.type(clickId, 'abc123');
    await user.click(within(keitaro).getByRole('button', { name: 'Test' }));
    const result = await within(keitaro).findByText(
      /GET https:\/\/kt\.example\/••••••\/postback\?subid=abc123&status=sale/,
    );
    expect(result).toBeTruthy();
    expect(within(keitaro).getByText('Status 200')).toBeTruthy();
    expect(within(keitaro).getByText('Conversion saved')).toBeTruthy();
    expect(api.calls('POST', '/api/v1/admin/destinations/dest-k/test')[0]?.body).toEqual({
      type: 'deposit',
      clickId: 'abc123',
      amount: '10.00',
      currency: 'USD',
    });
  });
});
