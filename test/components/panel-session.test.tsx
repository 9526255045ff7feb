import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { stored, type MessageResponse } from '../../lib/schemas';
import './support/setup';
import { ANNA, lookUpDemoContact } from './support/demo-contacts';
import { fillEvent } from './support/form';
import { renderPanel } from './support/render-panel';

const QUEUED_NOTICE = 'Signed out — sign in to send queued events';

/** A panel whose background answers lookups as the platform would, until the session ends (and after sign-in). */
function renderWithSession() {
  let signedIn = true;
  const ui = renderPanel(ANNA, {
    'contact.lookup': (key): MessageResponse<'contact.lookup'> =>
      signedIn ? lookUpDemoContact(key) : { status: 'signedOut' },
  });
  const announce = (summary: unknown) => fakeBrowser.storage.local.set({ [stored.sessionSummary.key]: summary });
  return {
    ...ui,
    /** The platform refused the refresh token: the background ends the session and stores that. */
    async expire() {
      signedIn = false;
      await announce({ signedIn: false, expired: true });
    },
    async signIn() {
      signedIn = true;
      await announce({ signedIn: true, operator: { id: 'op_demo', name: 'Demo Manager', email: 'demo@tracker.test' } });
    },
  };
}

describe('the panel when the session ends', () => {
  it('keeps a saved event Queued and says exactly "Signed out — sign in to send queued events"; after sign-in it goes', async () => {
    const ui = renderWithSession();
    const panel = await ui.openPanel();
    await fillEvent(ui.user, 'Deposit', '150', 'USD');
    await ui.user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(ui.background.sentAs('event.submit')).toHaveLength(1));

    await ui.expire();
    const notice = await within(panel).findByText(QUEUED_NOTICE);
    expect(notice.textContent).toBe(QUEUED_NOTICE);
    const newest = () => within(within(panel).getByRole('list', { name: 'Events' })).getAllByRole('listitem')[0]!;
    expect(within(newest()).getByText('Queued')).toBeTruthy();
    expect(newest().textContent).toContain('Deposit $150.00');

    await ui.signIn();
    await waitFor(() => expect(within(panel).queryByText(QUEUED_NOTICE)).toBeNull());
    expect(await within(panel).findByText('clk_7f3a9c')).toBeTruthy();
    const [event] = ui.background.sentAs('event.submit');
    await ui.outbox.deliver(event!.id);
    await waitFor(() => expect(within(newest()).getByText('Sent')).toBeTruthy());
    expect(screen.getByRole('status').textContent).toBe('Sent: Deposit $150.00');
  });

  it('without anything queued for the contact, says where to sign in', async () => {
    const ui = renderWithSession();
    const panel = await ui.openPanel();
    await ui.expire();
    expect(
      await within(panel).findByText('Signed out — sign in from the Tracker Data toolbar button to send events'),
    ).toBeTruthy();
    expect(within(panel).queryByText(QUEUED_NOTICE)).toBeNull();
  });
});
