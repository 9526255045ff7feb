import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PopupApp } from '../../components/popup/PopupApp';
import { stored, type MessageResponse, type Operator, type SessionSummary } from '../../lib/schemas';
import { createPopupStore } from '../../lib/stores/popup-store';
import './support/setup';
import { Refusal, startFakeBackground, type Handlers } from './support/fake-background';

const DEMO: Operator = { id: 'op_demo', name: 'Demo Manager', email: 'demo@tracker.test' };
const SECOND: Operator = { id: 'op_second', name: 'Second Manager', email: 'second@tracker.test' };
type Held = MessageResponse<'outbox.heldForOthers'>;

/**
 * The popup over a background whose outbox holds `held` for other operators: adopting them empties the list and
 * counts them as the signed-in operator's queue, as the real background does.
 */
function renderPopup(
  options: { session?: SessionSummary; held?: Held; quarantined?: number; handlers?: Handlers } = {},
) {
  let session = options.session ?? { signedIn: true, operator: SECOND };
  let held = options.held ?? [];
  let queued = held.reduce((sum, group) => sum + group.count, 0);
  const background = startFakeBackground({
    'session.get': () => session,
    'session.signIn': () => {
      session = { signedIn: true, operator: DEMO };
      return { ok: true, session };
    },
    'session.signOut': () => {
      session = { signedIn: false };
      return session;
    },
    'outbox.summary': () => ({ queued, failed: 0, quarantined: options.quarantined ?? 0 }),
    'outbox.heldForOthers': () => held,
    'outbox.adopt': async ({ operatorId }) => {
      const adopted = held.find((group) => group.operatorId === operatorId)?.count ?? 0;
      held = held.filter((group) => group.operatorId !== operatorId);
      // The background restamps the records: storage changes, and every open UI hears it.
      await fakeBrowser.storage.local.set({ [`${stored.outboxRecord.prefix}changed`]: Date.now() });
      return { adopted };
    },
    ...options.handlers,
  });
  render(<PopupApp store={createPopupStore()} />);
  return {
    user: userEvent.setup(),
    background,
    /** The platform refused the refresh: the background ends the session and says so in storage. */
    async expire() {
      session = { signedIn: false, expired: true };
      await fakeBrowser.storage.local.set({ [stored.sessionSummary.key]: session });
    },
    /** The queued events went out after sign-in. */
    async deliverAll() {
      queued = 0;
      await fakeBrowser.storage.local.set({ [`${stored.outboxRecord.prefix}delivered`]: Date.now() });
    },
  };
}

describe('events another operator left queued', () => {
  const demoHolds: Held = [{ operatorId: 'op_demo', operator: DEMO, count: 3 }];

  it('says whose they are and how many, and offers to send them or keep them', async () => {
    renderPopup({ held: demoHolds });
    const choice = await screen.findByRole('group', { name: '3 events saved by Demo Manager are waiting' });
    expect(within(choice).getByText('3 events saved by Demo Manager are waiting')).toBeTruthy();
    expect(within(choice).getByRole('button', { name: 'Send them as me' })).toBeTruthy();
    expect(within(choice).getByRole('button', { name: 'Keep them for Demo Manager' })).toBeTruthy();
  });

  it('"Send them as me" asks the background to adopt them, once, and the choice goes away', async () => {
    const ui = renderPopup({ held: demoHolds });
    const send = await screen.findByRole('button', { name: 'Send them as me' });
    await ui.user.dblClick(send);

    await waitFor(() => expect(screen.queryByRole('group', { name: /saved by Demo Manager/ })).toBeNull());
    expect(ui.background.sentAs('outbox.adopt')).toEqual([{ operatorId: 'op_demo' }]);
  });

  it('"Keep them for …" sends nothing and says they wait for that operator', async () => {
    const ui = renderPopup({ held: demoHolds });
    await ui.user.click(await screen.findByRole('button', { name: 'Keep them for Demo Manager' }));

    expect(screen.queryByRole('button', { name: 'Send them as me' })).toBeNull();
    expect(
      screen.getByText(
        '3 events saved by Demo Manager are waiting. Kept for Demo Manager: they go when Demo Manager signs in again',
      ),
    ).toBeTruthy();
    expect(ui.background.sentAs('outbox.adopt')).toHaveLength(0);
  });

  it('names the operator by email when there is no name, says "another operator" when unknown, and counts one as one', async () => {
    renderPopup({
      held: [
        { operatorId: 'op_third', operator: { id: 'op_third', name: '', email: 'third@tracker.test' }, count: 2 },
        { operatorId: 'op_gone', count: 1 },
      ],
    });
    expect(await screen.findByText('2 events saved by third@tracker.test are waiting')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Keep them for third@tracker.test' })).toBeTruthy();
    expect(screen.getByText('1 event saved by another operator is waiting')).toBeTruthy();
    expect(screen.getAllByRole('button', { name: 'Send them as me' })).toHaveLength(2);
  });

  it('is not offered while signed out', async () => {
    const ui = renderPopup({ session: { signedIn: false }, held: demoHolds });
    await screen.findByRole('button', { name: 'Sign in' });
    expect(screen.queryByText(/saved by Demo Manager/)).toBeNull();
    expect(ui.background.sentAs('outbox.heldForOthers')).toHaveLength(0);
  });

  it('shows why sending them did not work, and keeps the choice', async () => {
    const ui = renderPopup({
      held: demoHolds,
      handlers: {
        'outbox.adopt': () => {
          throw new Refusal({ code: 'internal', message: 'The outbox could not be written' });
        },
      },
    });
    await ui.user.click(await screen.findByRole('button', { name: 'Send them as me' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The outbox could not be written');
    expect(screen.getByRole('button', { name: 'Send them as me' })).toHaveProperty('disabled', false);
  });
});

describe('a session the platform ended', () => {
  it('says exactly "Signed out — sign in to send queued events", and after sign-in the queue drains', async () => {
    const ui = renderPopup({ session: { signedIn: true, operator: DEMO }, held: [] });
    await screen.findByText('Signed in as Demo Manager (demo@tracker.test)');

    await ui.expire();
    const notice = await screen.findByText('Signed out — sign in to send queued events');
    expect(notice.textContent).toBe('Signed out — sign in to send queued events');

    await ui.user.type(screen.getByRole('textbox', { name: 'Email' }), 'demo@tracker.test');
    await ui.user.type(screen.getByLabelText('Password'), 'demo-password');
    await ui.user.click(screen.getByRole('button', { name: 'Sign in' }));
    await screen.findByText('Signed in as Demo Manager (demo@tracker.test)');
    expect(screen.queryByText('Signed out — sign in to send queued events')).toBeNull();
    await ui.deliverAll();
    await waitFor(() => expect(screen.getByText('0 queued, 0 failed')).toBeTruthy());
  });
});

describe('stored records that could not be read', () => {
  it.each([
    [2, '2 saved records could not be read and were set aside'],
    [1, '1 saved record could not be read and was set aside'],
  ])('reports %i set aside', async (quarantined, text) => {
    renderPopup({ quarantined });
    expect(await screen.findByText(text)).toBeTruthy();
  });

  it('says nothing when none were', async () => {
    renderPopup();
    await screen.findByText('0 queued, 0 failed');
    expect(screen.queryByText(/could not be read/)).toBeNull();
  });
});

describe('text from the platform or other operators', () => {
  const hostile = '<img src=x onerror="window.pwned=1"><script>window.pwned=1</script><b>Eve</b>';

  it('shows a hostile operator name as text', async () => {
    renderPopup({
      held: [{ operatorId: 'op_eve', operator: { id: 'op_eve', name: hostile, email: 'eve@evil.test' }, count: 1 }],
    });
    expect(await screen.findByText(`1 event saved by ${hostile} is waiting`)).toBeTruthy();
    expect(screen.getByRole('button', { name: `Keep them for ${hostile}` })).toBeTruthy();
    expect(document.querySelector('main img, main script, main b')).toBeNull();
  });

  it('shows a hostile refusal message and a hostile signed-in name as text', async () => {
    const ui = renderPopup({
      session: { signedIn: false },
      handlers: {
        'session.signIn': () => ({ ok: false, error: { code: 'locked', message: hostile } }),
      },
    });
    await ui.user.type(await screen.findByRole('textbox', { name: 'Email' }), 'demo@tracker.test');
    await ui.user.type(screen.getByLabelText('Password'), 'x');
    await ui.user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect((await screen.findByRole('alert')).textContent).toBe(hostile);
    expect(document.querySelector('main img, main script, main b')).toBeNull();
    expect(Reflect.get(window, 'pwned')).toBeUndefined();
  });

  it('shows a hostile operator name when signed in as text', async () => {
    renderPopup({ session: { signedIn: true, operator: { id: 'op_eve', name: hostile, email: 'eve@evil.test' } } });
    expect(await screen.findByText(`Signed in as ${hostile} (eve@evil.test)`)).toBeTruthy();
    expect(document.querySelector('main img, main script, main b')).toBeNull();
  });
});
