import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PopupApp } from '../../components/popup/PopupApp';
import { stored, type SessionSummary } from '../../lib/schemas';
import { createPopupStore } from '../../lib/stores/popup-store';
import './support/setup';
import { ANNA } from './support/demo-contacts';
import { startFakeBackground } from './support/fake-background';
import { createFakeOutbox } from './support/fake-outbox';
import { descriptionOf } from './support/form';

const DEMO_OPERATOR = { id: 'op_demo', name: 'Demo Manager', email: 'demo@tracker.test' };

/** The popup over a background that knows the demo operator's credentials, as the sandbox does. */
function renderPopup(initial: SessionSummary = { signedIn: false }) {
  let session = initial;
  const outbox = createFakeOutbox();
  const background = startFakeBackground({
    ...outbox.handlers,
    'session.get': () => session,
    'session.signIn': ({ email, password }) => {
      if (email !== 'demo@tracker.test' || password !== 'demo-password') {
        return { ok: false, error: { code: 'invalid_credentials', message: 'Invalid email or password' } };
      }
      session = { signedIn: true, operator: DEMO_OPERATOR };
      return { ok: true, session };
    },
    'session.signOut': () => {
      session = { signedIn: false };
      return session;
    },
  });
  const user = userEvent.setup();
  render(<PopupApp store={createPopupStore()} />);
  return {
    user,
    background,
    outbox,
    /** The background ended the session on its own (the platform refused the refresh) and says so in storage. */
    async expire() {
      session = { signedIn: false, expired: true };
      await fakeBrowser.storage.local.set({ [stored.sessionSummary.key]: session });
    },
  };
}

async function signIn(user: ReturnType<typeof userEvent.setup>, email: string, password: string) {
  await user.type(await screen.findByRole('textbox', { name: 'Email' }), email);
  if (password) await user.type(screen.getByLabelText('Password'), password);
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
}

const deposit = (id: string) => ({
  id,
  type: 'deposit' as const,
  contact: ANNA,
  amount: '150',
  currency: 'USD',
  occurredAt: '2026-11-24T08:00:00.000Z',
});

describe('the popup', () => {
  it('signs in and says who is signed in', async () => {
    const ui = renderPopup();
    await signIn(ui.user, 'demo@tracker.test', 'demo-password');
    expect(await screen.findByText('Signed in as Demo Manager (demo@tracker.test)')).toBeTruthy();
    expect(ui.background.sentAs('session.signIn')).toEqual([{ email: 'demo@tracker.test', password: 'demo-password' }]);
    expect(screen.queryByRole('button', { name: 'Sign in' })).toBeNull();
  });

  it('says the email or password is wrong, and keeps the manager signed out', async () => {
    const ui = renderPopup();
    await signIn(ui.user, 'demo@tracker.test', 'not-the-password');
    expect((await screen.findByRole('alert')).textContent).toBe('Wrong email or password');
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeTruthy();
  });

  it('checks the fields before asking the background', async () => {
    const ui = renderPopup();
    await signIn(ui.user, 'demo', '');
    const email = screen.getByRole('textbox', { name: 'Email' });
    expect(email.getAttribute('aria-invalid')).toBe('true');
    expect(descriptionOf(email)).toBe('Enter a valid email address');
    expect(descriptionOf(screen.getByLabelText('Password'))).toBe('Enter your password');
    expect(ui.background.sentAs('session.signIn')).toHaveLength(0);
  });

  it('signs out', async () => {
    const ui = renderPopup({ signedIn: true, operator: DEMO_OPERATOR });
    await ui.user.click(await screen.findByRole('button', { name: 'Sign out' }));
    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeTruthy();
    expect(ui.background.sentAs('session.signOut')).toHaveLength(1);
  });

  it('counts queued and failed events, and follows the background as they change', async () => {
    const ui = renderPopup({ signedIn: true, operator: DEMO_OPERATOR });
    await ui.outbox.add(deposit('1b6f8c1e-0d4a-4c5e-9f2a-3b7d5e9c1a01'));
    expect(await screen.findByText('1 queued, 0 failed')).toBeTruthy();

    await ui.outbox.add(deposit('1b6f8c1e-0d4a-4c5e-9f2a-3b7d5e9c1a02'));
    await ui.outbox.refuse('1b6f8c1e-0d4a-4c5e-9f2a-3b7d5e9c1a01', {
      code: 'deposit_exists',
      message: 'Already has a deposit',
    });
    expect(await screen.findByText('1 queued, 1 failed')).toBeTruthy();
  });

  it('says queued events wait for a sign-in when the platform ended the session', async () => {
    const ui = renderPopup({ signedIn: true, operator: DEMO_OPERATOR });
    await ui.outbox.add(deposit('1b6f8c1e-0d4a-4c5e-9f2a-3b7d5e9c1a03'));
    await screen.findByText('Signed in as Demo Manager (demo@tracker.test)');

    await ui.expire();
    expect(await screen.findByText('Signed out — sign in to send queued events')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeTruthy();
    await waitFor(() => expect(screen.getByText('1 queued, 0 failed')).toBeTruthy());
  });
});
