import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openConsole } from './support/render-console';
import { startFakeAdminApi, type FakeAdminApi } from './support/fake-admin-api';

let api: FakeAdminApi;
beforeEach(async () => {
  api = await startFakeAdminApi({
    operators: [
      {
        id: 'op-1',
        name: 'Mia Manager',
        email: 'mia@team.example',
        role: 'manager',
        lastSignInAt: '2026-12-04T09:30:00.000Z',
        eventsThisWeek: 17,
      },
      {
        id: 'op-2',
        name: 'Nobody Yet',
        email: 'new@team.example',
        role: 'manager',
        lastSignInAt: null,
        eventsThisWeek: 0,
      },
    ],
  });
});
afterEach(() => api.close());

describe('the Managers page', () => {
  it('lists each manager with their last sign-in and the events they logged this week', async () => {
    await openConsole(api);
    const mia = (await screen.findByRole('rowheader', { name: 'Mia Manager' })).closest('tr')!;
    expect(within(mia).getByText('mia@team.example')).toBeTruthy();
    expect(within(mia).getByText(/Dec 4, 2026/)).toBeTruthy();
    expect(within(mia).getByText('17')).toBeTruthy();
    const fresh = screen.getByRole('rowheader', { name: 'Nobody Yet' }).closest('tr')!;
    expect(within(fresh).getByText('Never')).toBeTruthy();
  });

  it('adds a manager with a generated first password, shown once, that is the one the server got', async () => {
    const user = await openConsole(api);
    await user.click(await screen.findByRole('button', { name: 'Add manager' }));
    await user.type(screen.getByLabelText('Name'), 'Olga');
    await user.type(screen.getByLabelText('Email'), 'olga@team.example');
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    const shown = (await screen.findByLabelText('First password for olga@team.example')) as HTMLInputElement;
    const sent = api.calls('POST', '/api/v1/admin/operators')[0]?.body as {
      password: string;
      role: string;
      name: string;
    };
    expect(sent).toMatchObject({ name: 'Olga', email: 'olga@team.example', role: 'manager' });
    expect(shown.value).toBe(sent.password);
    expect(shown.value).toMatch(/^[A-Za-z2-9]{16}$/);
    expect(await screen.findByRole('rowheader', { name: 'Olga' })).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Copy: First password for olga@team.example' }));
    expect(await navigator.clipboard.readText()).toBe(sent.password);

    await user.click(screen.getByRole('link', { name: 'Events' }));
    await user.click(screen.getByRole('link', { name: 'Managers' }));
    await screen.findByRole('rowheader', { name: 'Olga' });
    expect(screen.queryByLabelText('First password for olga@team.example')).toBeNull();
  });

  it('says at the Email field when the address is taken, keeping what was typed', async () => {
    const user = await openConsole(api);
    await user.click(await screen.findByRole('button', { name: 'Add manager' }));
    await user.type(screen.getByLabelText('Name'), 'Mia Again');
    await user.type(screen.getByLabelText('Email'), 'mia@team.example');
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    const email = screen.getByLabelText('Email');
    await waitFor(() => expect(email.getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByText('An account with this email exists already.')).toBeTruthy();
    expect((screen.getByLabelText('Name') as HTMLInputElement).value).toBe('Mia Again');
  });

  it('removes a manager after asking, and the list no longer has them', async () => {
    const user = await openConsole(api);
    await user.click(await screen.findByRole('button', { name: 'Remove Mia Manager' }));
    expect(screen.getByText('Remove Mia Manager? They are signed out at once; their events stay.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Yes, remove' }));
    await waitFor(() => expect(screen.queryByRole('rowheader', { name: 'Mia Manager' })).toBeNull());
    expect(api.calls('DELETE', '/api/v1/admin/operators/op-1')).toHaveLength(1);
    expect(screen.getByText('Mia Manager removed.')).toBeTruthy();
  });
});
