import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openConsole } from './support/render-console';
import { startFakeAdminApi, type FakeAdminApi } from './support/fake-admin-api';

let api: FakeAdminApi;
beforeEach(async () => {
  api = await startFakeAdminApi({
    intakes: [
      {
        id: 'intake-old',
        name: 'Partner postbacks',
        kind: 'postbacks',
        createdAt: '2026-11-30T08:00:00.000Z',
        revokedAt: null,
        lastCallAt: '2026-12-05T07:45:00.000Z',
        lastCallStatus: 200,
      },
    ],
    pattern: 'ref[:\\s]*([A-Za-z0-9_-]{6,64})',
  });
});
afterEach(() => api.close());

describe('the Intakes page', () => {
  it('lists the partner postbacks no lead had the click id of, newest first, naming the intake they came through', async () => {
    api.data.unmatched = [
      {
        id: 'kept-2',
        intakeId: 'intake-old',
        clickId: 'kt_nobody99',
        type: 'deposit',
        amount: '5',
        currency: 'EUR',
        tid: 'net-77',
        receivedAt: '2026-12-05T09:00:00.000Z',
      },
      {
        id: 'kept-1',
        intakeId: 'intake-old',
        clickId: 'kt_lost01',
        type: 'registration',
        receivedAt: '2026-12-04T09:00:00.000Z',
      },
    ];
    await openConsole(api, { hash: '#/intakes' });
    const list = await screen.findByRole('region', { name: 'Unmatched postbacks' });
    const rows = within(list).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getByRole('rowheader').textContent)).toEqual(['kt_nobody99', 'kt_lost01']);
    expect(within(rows[0]!).getByText('Deposit 5 EUR')).toBeTruthy();
    expect(within(rows[0]!).getByText('net-77')).toBeTruthy();
    expect(await within(rows[0]!).findByText('Partner postbacks')).toBeTruthy();
  });

  it('says so when every partner postback found its lead', async () => {
    await openConsole(api, { hash: '#/intakes', locale: 'ru' });
    expect(await screen.findByRole('heading', { name: 'Постбэки без лида' })).toBeTruthy();
    expect(await screen.findByText('Нет: каждый постбэк партнёра нашёл своего лида.')).toBeTruthy();
  });

  it('creates an intake and shows its URL once, with a copy button and the line for a Chatterfy “Send Webhook” step', async () => {
    const user = await openConsole(api, { hash: '#/intakes' });
    await user.click(await screen.findByRole('button', { name: 'Add intake' }));
    await user.type(screen.getByLabelText('Name'), 'Chatterfy bot');
    await user.click(screen.getByRole('radio', { name: /^Links/ }));
    await user.click(screen.getByRole('button', { name: 'Create intake' }));

    const url = (await screen.findByLabelText('Intake URL')) as HTMLInputElement;
    const secretUrl = url.value;
    expect(secretUrl).toMatch(/^https:\/\/td\.example\/intake\/secret-intake-[a-z0-9]+$/);
    expect(screen.getByText(/Copy its address now: it is not shown again/)).toBeTruthy();
    const chatterfy = screen.getByLabelText('Chatterfy “Send Webhook” step') as HTMLInputElement;
    expect(chatterfy.value).toBe(
      `${secretUrl}?channel=telegram&contact_id={chatId}&click_id={tracker.clickid}&username={username}`,
    );
    expect((screen.getByRole('textbox', { name: /^A bot’s \/start handler/ }) as HTMLInputElement).value).toContain(
      `${secretUrl}?channel=telegram&contact_id=`,
    );

    await user.click(screen.getByRole('button', { name: 'Copy: Chatterfy “Send Webhook” step' }));
    expect(await navigator.clipboard.readText()).toBe(chatterfy.value);
    expect(api.calls('POST', '/api/v1/admin/intakes')[0]?.body).toEqual({ name: 'Chatterfy bot', kind: 'links' });
    expect(await screen.findByRole('rowheader', { name: 'Chatterfy bot' })).toBeTruthy();

    await user.click(screen.getByRole('link', { name: 'Events' }));
    await user.click(screen.getByRole('link', { name: 'Intakes' }));
    await screen.findByRole('rowheader', { name: 'Chatterfy bot' });
    expect(screen.queryByDisplayValue(secretUrl)).toBeNull();
  });

  it('lists each intake with its last call, and revokes one after asking', async () => {
    const user = await openConsole(api, { hash: '#/intakes' });
    const row = (await screen.findByRole('rowheader', { name: 'Partner postbacks' })).closest('tr')!;
    expect(within(row).getByText(/Dec 5, 2026.*\(answered 200\)/)).toBeTruthy();
    expect(within(row).getByText('Active')).toBeTruthy();
    await user.click(within(row).getByRole('button', { name: 'Revoke Partner postbacks' }));
    await user.click(within(row).getByRole('button', { name: 'Yes, revoke' }));
    await waitFor(() =>
      expect(
        within(screen.getByRole('rowheader', { name: 'Partner postbacks' }).closest('tr')!).getByText(/^Revoked/),
      ).toBeTruthy(),
    );
    expect(api.calls('DELETE', '/api/v1/admin/intakes/intake-old')).toHaveLength(1);
  });

  it('tests the first-message pattern live on a pasted message and saves it', async () => {
    const user = await openConsole(api, { hash: '#/intakes' });
    const pattern = (await screen.findByLabelText('Pattern')) as HTMLInputElement;
    await waitFor(() => expect(pattern.value).toBe('ref[:\\s]*([A-Za-z0-9_-]{6,64})'));
    const message = screen.getByLabelText('Test message');
    await user.type(message, 'Hi! I came from the ad, ref: ab12cd34, what next?');
    expect(screen.getByText('Code found: ab12cd34')).toBeTruthy();
    await user.clear(message);
    await user.type(message, 'Hello, how much is it?');
    expect(screen.getByText('No code found in this message.')).toBeTruthy();

    await user.clear(pattern);
    await user.click(pattern);
    await user.paste('code=([0-9]{4})');
    await user.clear(message);
    await user.type(message, 'code=2024');
    expect(screen.getByText('Code found: 2024')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Save pattern' }));
    expect(await screen.findByText('Pattern saved.')).toBeTruthy();
    expect(api.data.pattern).toBe('code=([0-9]{4})');
  });

  it('refuses to save a pattern without exactly one group, saying why at the field', async () => {
    const user = await openConsole(api, { hash: '#/intakes' });
    const pattern = (await screen.findByLabelText('Pattern')) as HTMLInputElement;
    await waitFor(() => expect(pattern.value).not.toBe(''));
    await user.clear(pattern);
    await user.click(pattern);
    await user.paste('ref-[0-9]+');
    await user.click(screen.getByRole('button', { name: 'Save pattern' }));
    expect(pattern.getAttribute('aria-invalid')).toBe('true');
    expect(
      screen.getAllByText('The pattern needs exactly one group in parentheses, around the code (it has 0).').length,
    ).toBeGreaterThan(0);
    expect(api.calls('PUT', '/api/v1/admin/settings/first-message-pattern')).toHaveLength(0);
  });
});
