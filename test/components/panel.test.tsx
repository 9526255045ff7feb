import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import './support/setup';
import { ANNA, BORIS, CLARA, lookUpDemoContact } from './support/demo-contacts';
import { renderPanel } from './support/render-panel';

describe('the Tracker Data panel', () => {
  it('opens from the Tracker Data button and closes again', async () => {
    const ui = renderPanel(ANNA);
    const button = screen.getByRole('button', { name: 'Tracker Data' });
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByRole('complementary', { name: 'Tracker Data' })).toBeNull();

    await ui.openPanel();
    expect(button.getAttribute('aria-expanded')).toBe('true');

    await ui.user.click(button);
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByRole('complementary', { name: 'Tracker Data' })).toBeNull();
  });

  it('shows who the chat is, their tracker data and their events newest first', async () => {
    const panel = await renderPanel(BORIS).openPanel();

    const contact = within(panel).getByRole('region', { name: 'Contact' });
    expect(within(contact).getByText('Boris Ivanov')).toBeTruthy();
    expect(within(contact).getByText('Telegram')).toBeTruthy();
    expect(within(contact).getByText('777002')).toBeTruthy();

    const trackerData = within(panel).getByRole('region', { name: 'Tracker data' });
    expect(within(trackerData).getByText('Click id').nextSibling?.textContent).toBe('clk_b0r15');
    expect(within(trackerData).getByText('Source').nextSibling?.textContent).toBe('google');
    expect(within(trackerData).getByText('Campaign').nextSibling?.textContent).toBe('brand');

    const events = within(within(panel).getByRole('list', { name: 'Events' })).getAllByRole('listitem');
    expect(events.map((event) => event.querySelector('.td-event-what')?.textContent)).toEqual([
      'Deposit $100.00',
      'Registration',
    ]);
    expect(within(events[0]!).getByText('Sent')).toBeTruthy();
  });

  it('says which bot flow step logged an event, and shows tracker keys beyond the usual four', async () => {
    const ui = renderPanel(ANNA, {
      'contact.lookup': () => ({
        status: 'found',
        contact: { ...ANNA, trackerData: { clickId: 'clk_7f3a9c', landing: 'promo-b' } },
        events: [
          {
            id: '6f1f0f44-2d5c-4d7e-9a43-0c8a4c1e0a01',
            type: 'registration',
            contact: ANNA,
            occurredAt: '2026-11-20T10:00:00.000Z',
            status: 'forwarded',
            receivedAt: '2026-11-20T10:00:01.000Z',
            source: 'flow',
            stepName: 'Send Tracker Event',
          },
        ],
      }),
    });
    const panel = await ui.openPanel();
    expect(within(panel).getByText('landing').nextSibling?.textContent).toBe('promo-b');
    expect(within(panel).getByText('bot flow: Send Tracker Event')).toBeTruthy();
  });

  it('says a contact the platform does not know yet is not known, and still offers Send event', async () => {
    const panel = await renderPanel(CLARA).openPanel();
    expect(within(panel).getByText('Not known to the platform yet')).toBeTruthy();
    expect(within(panel).getByText('Clara Smith')).toBeTruthy();
    expect(within(panel).getByRole('button', { name: 'Send event' })).toBeTruthy();
  });

  it('tells a signed-out manager where to sign in', async () => {
    const panel = await renderPanel(ANNA, { 'contact.lookup': () => ({ status: 'signedOut' }) }).openPanel();
    expect(
      within(panel).getByText('Signed out — sign in from the Tracker Data toolbar button to send events'),
    ).toBeTruthy();
  });

  it('shows why the platform could not be asked, and asks again on Try again', async () => {
    let answer: 'error' | 'found' = 'error';
    const ui = renderPanel(ANNA, {
      'contact.lookup': (key) =>
        answer === 'error'
          ? { status: 'error', error: { code: 'unavailable', message: 'The platform is down' } }
          : lookUpDemoContact(key),
    });
    const panel = await ui.openPanel();
    expect(within(panel).getByText('Could not load this contact: The platform is down')).toBeTruthy();

    answer = 'found';
    await ui.user.click(within(panel).getByRole('button', { name: 'Try again' }));
    expect(await within(panel).findByText('clk_7f3a9c')).toBeTruthy();
  });

  it('renders HTML in names, tracker data and notes as text', async () => {
    const hostile = '<img src=x onerror="window.pwned=1">Eve<script>window.pwned=1</script>';
    const contact = { ...ANNA, externalId: '777009', displayName: hostile };
    const ui = renderPanel(contact, {
      'contact.lookup': () => ({
        status: 'found',
        contact: { ...contact, trackerData: { source: '<b>bold</b>' } },
        events: [
          {
            id: '9a8b7c6d-1e2f-4a3b-8c4d-5e6f7a8b9c0d',
            type: 'registration',
            contact,
            note: '<a href="javascript:alert(1)">click</a>',
            occurredAt: '2026-11-20T10:00:00.000Z',
            status: 'accepted',
            receivedAt: '2026-11-20T10:00:00.000Z',
            source: 'manual',
          },
        ],
      }),
    });
    const panel = await ui.openPanel();
    expect(within(panel).getByText(hostile)).toBeTruthy();
    expect(within(panel).getByText('<b>bold</b>')).toBeTruthy();
    expect(within(panel).getByText('<a href="javascript:alert(1)">click</a>')).toBeTruthy();
    expect(panel.querySelector('img, script, b, a')).toBeNull();
  });

  it('follows the chat the manager opens', async () => {
    const ui = renderPanel(ANNA);
    const panel = await ui.openPanel();
    ui.switchTo(BORIS);
    expect(within(panel).getByText('Boris Ivanov')).toBeTruthy();
    expect(await within(panel).findByText('clk_b0r15')).toBeTruthy();
    expect(within(panel).queryByText('clk_7f3a9c')).toBeNull();
  });

  it('asks for a chat when none is open', async () => {
    const panel = await renderPanel(undefined).openPanel();
    expect(within(panel).getByText('Open a chat to see its tracker data.')).toBeTruthy();
    expect(within(panel).queryByRole('button', { name: 'Send event' })).toBeNull();
  });
});
