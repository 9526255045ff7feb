import { render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { PopupApp } from '../../components/popup/PopupApp';
import type { Locale } from '../../components/i18n/text';
import type { MessageResponse, TrackerEvent } from '../../lib/schemas';
import { createPopupStore } from '../../lib/stores/popup-store';
import './support/setup';
import { ANNA, BORIS } from './support/demo-contacts';
import { startFakeBackground, type FakeBackground } from './support/fake-background';
import { createFakeOutbox } from './support/fake-outbox';

const OPERATOR = { id: 'op_demo', name: 'Demo Manager', email: 'demo@tracker.test' };

const failed = (fields: Partial<TrackerEvent> & Pick<TrackerEvent, 'id' | 'contact' | 'deliveries'>): TrackerEvent => ({
  type: 'deposit',
  amount: '100',
  currency: 'USD',
  occurredAt: '2026-12-05T08:00:00.000Z',
  receivedAt: '2026-12-05T08:00:01.000Z',
  status: 'accepted',
  source: 'manual',
  operatorId: OPERATOR.id,
  ...fields,
});

const BORIS_DEPOSIT = failed({
  id: 'f0000000-0000-4000-8000-000000000001',
  contact: BORIS,
  deliveries: [
    { destinationId: 'dst_keitaro', destination: 'Keitaro', state: 'delivered', attempts: 1 },
    { destinationId: 'dst_binom', destination: 'Binom', state: 'failed', attempts: 1, lastError: '400 invalid token' },
  ],
});
const ANNA_REGISTRATION = failed({
  id: 'f0000000-0000-4000-8000-000000000002',
  type: 'registration',
  amount: undefined,
  currency: undefined,
  contact: ANNA,
  occurredAt: '2026-12-04T08:00:00.000Z',
  deliveries: [
    {
      destinationId: 'dst_chatterfy',
      destination: 'Chatterfy',
      state: 'failed',
      attempts: 5,
      lastError: 'given up after 5 attempts',
    },
  ],
});

type Answer = MessageResponse<'deliveries.failed'>;

function renderPopup(answer: Answer, { signedIn = true, locale = 'en' as Locale } = {}): FakeBackground {
  const background = startFakeBackground({
    ...createFakeOutbox().handlers,
    'session.get': () => (signedIn ? { signedIn: true, operator: OPERATOR } : { signedIn: false }),
    'outbox.heldForOthers': () => [],
    'deliveries.failed': () => answer,
  });
  render(<PopupApp store={createPopupStore()} locale={locale} />);
  return background;
}

/** What a screen reader reads of an element: its text without what is drawn for the eye only. */
function readable(element: Element): string {
  const copy = element.cloneNode(true) as Element;
  for (const hidden of copy.querySelectorAll('[aria-hidden="true"]')) hidden.remove();
  return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
}

const eventsOf = (list: HTMLElement) =>
  within(list)
    .getAllByRole('listitem')
    .filter((item) => item.parentElement === list);

describe('the popup’s events no tracker counted', () => {
  it('lists each with its contact and every tracker’s outcome, the tracker’s error at the one that failed, and who can resend', async () => {
    renderPopup({ status: 'listed', events: [BORIS_DEPOSIT, ANNA_REGISTRATION] });
    const list = await screen.findByRole('list', { name: 'Not counted by a tracker' });

    const [deposit, registration] = eventsOf(list);
    expect(within(deposit!).getByText('Deposit $100.00')).toBeTruthy();
    expect(within(deposit!).getByText('Boris Ivanov')).toBeTruthy();
    expect(
      within(within(deposit!).getByRole('list', { name: 'Trackers' }))
        .getAllByRole('listitem')
        .map(readable),
    ).toEqual(['Keitaro delivered', 'Binom failed: 400 invalid token']);
    expect(within(registration!).getByText('Anna Petrova')).toBeTruthy();
    expect(
      within(within(registration!).getByRole('list', { name: 'Trackers' }))
        .getAllByRole('listitem')
        .map(readable),
    ).toEqual(['Chatterfy failed: given up after 5 attempts']);
    expect(screen.getByText('An admin can resend these from the server’s console.')).toBeTruthy();
  });

  it('says it in Russian', async () => {
    renderPopup({ status: 'listed', events: [BORIS_DEPOSIT] }, { locale: 'ru' });
    const list = await screen.findByRole('list', { name: 'Не учтено трекером' });
    const [deposit] = eventsOf(list);
    expect(
      within(within(deposit!).getByRole('list', { name: 'Трекеры' }))
        .getAllByRole('listitem')
        .map(readable),
    ).toEqual(['Keitaro доставлено', 'Binom ошибка: 400 invalid token']);
    expect(screen.getByText('Администратор может отправить их повторно из консоли сервера.')).toBeTruthy();
  });

  it('shows nothing when every tracker counted everything, or the platform has no deliveries', async () => {
    const background = renderPopup({ status: 'listed', events: [] });
    await waitFor(() => expect(background.sentAs('deliveries.failed')).toHaveLength(1));
    await screen.findByText(/Signed in as Demo Manager/);
    expect(screen.queryByRole('heading', { name: 'Not counted by a tracker' })).toBeNull();
  });

  it('does not ask while signed out', async () => {
    const background = renderPopup({ status: 'listed', events: [BORIS_DEPOSIT] }, { signedIn: false });
    await screen.findByRole('button', { name: 'Sign in' });
    expect(background.sentAs('deliveries.failed')).toHaveLength(0);
    expect(screen.queryByRole('list', { name: 'Not counted by a tracker' })).toBeNull();
  });

  it('says when the list could not be read', async () => {
    renderPopup({
      status: 'error',
      error: { code: 'network_error', message: 'Cannot reach the platform at https://tracker.example.com' },
    });
    expect(
      await screen.findByText(
        'Could not read which events the trackers refused: Cannot reach the platform at https://tracker.example.com',
      ),
    ).toBeTruthy();
  });

  it('shows a hostile tracker name and error as text', async () => {
    const name = '<img src=x onerror="alert(1)">Binom';
    const error = '<a href="https://evil.example">Sign in again</a>';
    renderPopup({
      status: 'listed',
      events: [
        failed({
          id: 'f0000000-0000-4000-8000-000000000003',
          contact: BORIS,
          deliveries: [{ destinationId: 'dst_x', destination: name, state: 'failed', attempts: 1, lastError: error }],
        }),
      ],
    });
    const list = await screen.findByRole('list', { name: 'Not counted by a tracker' });
    expect(
      within(within(list).getByRole('list', { name: 'Trackers' }))
        .getAllByRole('listitem')
        .map(readable),
    ).toEqual([`${name} failed: ${error}`]);
    expect(list.querySelector('img, a')).toBeNull();
  });
});
