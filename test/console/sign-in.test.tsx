import { screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, openConsole } from './support/render-console';
import { CSRF, startFakeAdminApi, type FakeAdminApi } from './support/fake-admin-api';

let api: FakeAdminApi;
beforeEach(async () => {
  api = await startFakeAdminApi({
    accounts: [
      {
        email: 'mia@team.example',
        password: 'manager pass 1',
        operator: { id: 'op-mia', name: 'Mia', email: 'mia@team.example', role: 'manager' },
      },
    ],
  });
});
afterEach(() => api.close());

describe('signing in to the console', () => {
  it('lets an admin in with Email, Password and Sign in, and shows the navigation', async () => {
    await openConsole(api);
    for (const name of ['Managers', 'Destinations', 'Intakes', 'Events'])
      expect(screen.getByRole('link', { name })).toBeTruthy();
    expect(screen.getByText(`Signed in as ${ADMIN.email}`)).toBeTruthy();
    expect(api.calls('POST', '/console/api/session')[0]?.body).toEqual({
      email: ADMIN.email,
      password: expect.any(String),
    });
  });

  it('says so at the form when the password is wrong, and stays on the sign-in page', async () => {
    const user = await openConsole(api, { signIn: false });
    await user.type(await screen.findByLabelText('Email'), ADMIN.email);
    await user.type(screen.getByLabelText('Password'), 'not the password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Wrong email or password.');
    expect(screen.queryByRole('navigation')).toBeNull();
  });

  it('shows a manager a clear admins-only page instead of the console', async () => {
    const user = await openConsole(api, { signIn: false });
    await user.type(await screen.findByLabelText('Email'), 'mia@team.example');
    await user.type(screen.getByLabelText('Password'), 'manager pass 1');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('heading', { name: 'Admins only' })).toBeTruthy();
    expect(screen.getByText(/mia@team\.example is a manager account/)).toBeTruthy();
    expect(screen.queryByRole('navigation')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Sign in as someone else' }));
    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeTruthy();
  });

  it('signs out with the CSRF token the sign-in gave, and is back at the sign-in form', async () => {
    const user = await openConsole(api);
    await user.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeTruthy();
    expect(api.calls('DELETE', '/console/api/session')[0]?.headers['x-csrf-token']).toBe(CSRF);
  });

  it('sends the CSRF token on every change and never a bearer token', async () => {
    const user = await openConsole(api);
    await user.click(screen.getByRole('button', { name: 'Add manager' }));
    await user.type(screen.getByLabelText('Name'), 'Nick');
    await user.type(screen.getByLabelText('Email'), 'nick@team.example');
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    await screen.findByText(/Account created for nick@team\.example/);
    const change = api.calls('POST', '/api/v1/admin/operators')[0];
    expect(change?.headers['x-csrf-token']).toBe(CSRF);
    expect(api.requests.every((request) => request.headers.authorization === undefined)).toBe(true);
  });

  it('goes back to the sign-in form, saying why, when the session ended on the server', async () => {
    const user = await openConsole(api);
    api.endSession();
    await user.click(screen.getByRole('link', { name: 'Events' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Your session ended. Sign in again.');
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeTruthy();
  });
});
