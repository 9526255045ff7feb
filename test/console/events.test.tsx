import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openConsole } from './support/render-console';
import { DEPOSIT, LENA, MIA, NICK, REDEPOSIT, REGISTRATION } from './support/events';
import { startFakeAdminApi, type FakeAdminApi } from './support/fake-admin-api';

let api: FakeAdminApi;
beforeEach(async () => {
  api = await startFakeAdminApi({
    operators: [
      { ...MIA, role: 'manager', lastSignInAt: null, eventsThisWeek: 1 },
      { ...NICK, role: 'manager', lastSignInAt: null, eventsThisWeek: 1 },
    ],
    events: structuredClone([DEPOSIT, REGISTRATION, REDEPOSIT]),
    leads: [structuredClone(LENA)],
  });
});
afterEach(() => api.close());

function readBlob(blob: Blob): Promise<string> {
  return new Promise((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.readAsText(blob);
  });
}

const rowOf = async (event: string) =>
  (await screen.findByRole('rowheader', { name: event })).closest('tr') as HTMLElement;

describe('the Events page', () => {
  it('lists events newest first, each with its deliveries', async () => {
    await openConsole(api, { hash: '#/events' });
    await rowOf('Deposit 150.00 USD');
    const events = screen.getAllByRole('rowheader').map((cell) => cell.textContent);
    expect(events).toEqual(['Deposit 150.00 USD', 'Registration', 'Redeposit 70 EUR']);
    const deposit = await rowOf('Deposit 150.00 USD');
    expect(within(deposit).getByText('Keitaro: delivered')).toBeTruthy();
    expect(within(deposit).getByText('Binom: failed (3 attempts) — 400 unknown cnv_id')).toBeTruthy();
    expect(within(await rowOf('Registration')).getByText('Keitaro: held')).toBeTruthy();
    expect(within(await rowOf('Registration')).getByText('bot flow: Signed up')).toBeTruthy();
    expect(within(await rowOf('Redeposit 70 EUR')).getByText('Not forwarded')).toBeTruthy();
  });

  it('filters by manager, contact, type, state and date, asking the server with those values', async () => {
    const user = await openConsole(api, { hash: '#/events' });
    await rowOf('Deposit 150.00 USD');
    await user.selectOptions(await screen.findByLabelText('Manager'), 'Nick Night');
    await user.click(screen.getByRole('button', { name: 'Show events' }));
    await waitFor(() =>
      expect(screen.getAllByRole('rowheader').map((cell) => cell.textContent)).toEqual(['Redeposit 70 EUR']),
    );

    await user.selectOptions(screen.getByLabelText('Manager'), 'Any');
    await user.type(screen.getByLabelText('Contact'), 'lena_k');
    await user.selectOptions(screen.getByLabelText('Type'), 'Deposit');
    await user.selectOptions(screen.getByLabelText('Delivery state'), 'failed');
    await user.type(screen.getByLabelText('From'), '2026-12-01');
    await user.type(screen.getByLabelText('To'), '2026-12-05');
    await user.click(screen.getByRole('button', { name: 'Show events' }));
    await waitFor(() =>
      expect(screen.getAllByRole('rowheader').map((cell) => cell.textContent)).toEqual(['Deposit 150.00 USD']),
    );
    const query = Object.fromEntries(api.calls('GET', '/api/v1/admin/events').at(-1)!.query);
    expect(query).toEqual({
      contact: 'lena_k',
      type: 'deposit',
      state: 'failed',
      since: '2026-12-01T00:00:00.000Z',
      until: '2026-12-06T00:00:00.000Z',
    });
  });

  it('resends a failed delivery, and the list shows it queued again', async () => {
    const user = await openConsole(api, { hash: '#/events' });
    const deposit = await rowOf('Deposit 150.00 USD');
    expect(within(deposit).getAllByRole('button', { name: 'Resend' })).toHaveLength(1);
    await user.click(within(deposit).getByRole('button', { name: 'Resend' }));
    expect(await screen.findByText('Sent again to Binom.')).toBeTruthy();
    expect(api.calls('POST', `/api/v1/admin/events/${DEPOSIT.id}/deliveries/dest-b/retry`)).toHaveLength(1);
    await waitFor(async () =>
      expect(within(await rowOf('Deposit 150.00 USD')).getByText(/^Binom: pending/)).toBeTruthy(),
    );
  });

  it('pages with Show more', async () => {
    api.data.pageSize = 2;
    const user = await openConsole(api, { hash: '#/events' });
    await rowOf('Registration');
    expect(screen.queryByRole('rowheader', { name: 'Redeposit 70 EUR' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Show more' }));
    expect(await rowOf('Redeposit 70 EUR')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Show more' })).toBeNull();
  });

  it('exports every page of the filtered events as CSV, formulas defused', async () => {
    api.data.pageSize = 2;
    const downloads: Blob[] = [];
    // jsdom has no object URLs; the browser's download is outside the console, so this stands in for it.
    URL.createObjectURL = (blob: Blob | MediaSource) => {
      downloads.push(blob as Blob);
      return 'blob:console-test';
    };
    URL.revokeObjectURL = () => undefined;
    const user = await openConsole(api, { hash: '#/events' });
    await rowOf('Registration');
    await user.click(screen.getByRole('button', { name: 'Export CSV' }));
    expect(await screen.findByText('3 events exported.')).toBeTruthy();
    const lines = (await readBlob(downloads[0]!)).split('\r\n');
    expect(lines[0]).toBe(
      'occurred_at,received_at,event_id,type,amount,currency,source,step,channel,contact_id,username,operator_email,deliveries',
    );
    expect(lines[1]).toBe(
      `2026-12-05T07:30:00.000Z,2026-12-05T07:30:01.000Z,${DEPOSIT.id},deposit,150.00,USD,manual,,telegram,5550001,lena_k,mia@team.example,Keitaro: delivered; Binom: failed`,
    );
    expect(lines[2]).toContain(",telegram,5550002,'=cmd|calc,,Keitaro: held");
    expect(lines[3]).toContain('redeposit,70,EUR,manual,,whatsapp,79990001122,,nick@team.example,');
    expect(lines).toHaveLength(5);
  });
});

describe('a lead’s page', () => {
  it('shows the lead’s tracker data, events from every source and the audit trail, reached from the events list', async () => {
    const user = await openConsole(api, { hash: '#/events' });
    await user.click((await screen.findAllByRole('link', { name: '@lena_k' }))[0]!);
    expect(await screen.findByRole('heading', { level: 1, name: 'Lead @lena_k' })).toBeTruthy();
    const tracker = screen.getByRole('region', { name: 'Tracker data' });
    expect(within(tracker).getByText('Click id').nextElementSibling?.textContent).toBe('kt-click-777');
    expect(within(tracker).getByText('Source').nextElementSibling?.textContent).toBe('fb');
    const events = screen.getByRole('region', { name: 'Events' });
    expect(within(events).getByText('by hand')).toBeTruthy();
    expect(within(events).getByText('tracker postback')).toBeTruthy();
    const audit = screen.getByRole('region', { name: 'Audit trail' });
    const trail = within(audit)
      .getAllByRole('row')
      .slice(1)
      .map((row) => [...row.querySelectorAll('td')].slice(1).map((cell) => cell.textContent));
    expect(trail).toEqual([
      ['intake: Chatterfy bot', 'contact.tracker_data.set', 'clickId: kt-click-777'],
      ['mia@team.example', 'event.logged', 'type: deposit'],
    ]);
  });
});
