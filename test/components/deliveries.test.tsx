import { act, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Delivery, MessageResponse, TrackerEvent } from '../../lib/schemas';
import './support/setup';
import { BORIS } from './support/demo-contacts';
import { renderPanel } from './support/render-panel';

const DEPOSIT_ID = 'd0000000-0000-4000-8000-000000000001';
const REGISTRATION_ID = 'd0000000-0000-4000-8000-000000000002';

const deposit = (deliveries?: Delivery[]): TrackerEvent => ({
  id: DEPOSIT_ID,
  type: 'deposit',
  amount: '100',
  currency: 'USD',
  contact: BORIS,
  occurredAt: '2026-11-22T15:30:00.000Z',
  receivedAt: '2026-11-22T15:30:01.000Z',
  status: 'accepted',
  source: 'manual',
  ...(deliveries ? { deliveries } : {}),
});

const registration: TrackerEvent = {
  id: REGISTRATION_ID,
  type: 'registration',
  contact: BORIS,
  occurredAt: '2026-11-21T09:00:00.000Z',
  receivedAt: '2026-11-21T09:00:01.000Z',
  status: 'forwarded',
  source: 'flow',
};

const delivery = (destination: string, state: Delivery['state'], lastError?: string): Delivery => ({
  destinationId: `dst_${destination.toLowerCase()}`,
  destination,
  state,
  attempts: state === 'pending' || state === 'held' ? 0 : 1,
  ...(lastError ? { lastError } : {}),
});

const EVERY_STATE = [
  delivery('Keitaro', 'delivered'),
  delivery('Chatterfy', 'pending'),
  delivery('Binom', 'held'),
  delivery('Voluum', 'failed', '400 Bad Request: invalid token'),
];

const found = (...events: TrackerEvent[]): MessageResponse<'contact.lookup'> => ({
  status: 'found',
  contact: { ...BORIS, trackerData: { source: 'google' } },
  events,
});

/** What a screen reader reads of an element: its text without what is drawn for the eye only. */
function readable(element: Element): string {
  const copy = element.cloneNode(true) as Element;
  for (const hidden of copy.querySelectorAll('[aria-hidden="true"]')) hidden.remove();
  return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
}

async function rowOf(panel: HTMLElement, what: RegExp) {
  const rows = within(await within(panel).findByRole('list', { name: /^(Events|События)$/ })).getAllByRole('listitem');
  const row = rows.find((candidate) => what.test(candidate.querySelector('.td-event-what')?.textContent ?? ''));
  if (!row) throw new Error(`No history row ${what}`);
  return row;
}

const trackersIn = (row: HTMLElement, name = 'Trackers') =>
  within(within(row).getByRole('list', { name })).getAllByRole('listitem');

describe('where each event of the history went', () => {
  it('says, tracker by tracker, delivered, queued, held for a click id (and how to fix it) or failed with the tracker’s error', async () => {
    const ui = renderPanel(BORIS, { 'contact.lookup': () => found(deposit(EVERY_STATE), registration) });
    const row = await rowOf(await ui.openPanel(), /^Deposit/);

    expect(trackersIn(row).map(readable)).toEqual([
      'Keitaro delivered',
      'Chatterfy queued',
      'Binom held: no click id',
      'Voluum failed: 400 Bad Request: invalid token',
    ]);
    expect(trackersIn(row)[0]?.textContent).toBe('Keitaro ✓delivered');
    expect(within(row).getByText('No click id yet: link the lead’s click id to send it.')).toBeTruthy();
  });

  it('shows no tracker line for an event from a platform that does not forward events itself', async () => {
    const ui = renderPanel(BORIS, { 'contact.lookup': () => found(deposit(EVERY_STATE), registration) });
    const row = await rowOf(await ui.openPanel(), /^Registration/);
    expect(within(row).queryByRole('list', { name: 'Trackers' })).toBeNull();
  });

  it('says only what applies: no click-id hint when nothing is held', async () => {
    const ui = renderPanel(BORIS, {
      'contact.lookup': () => found(deposit([delivery('Keitaro', 'delivered'), delivery('Binom', 'failed')])),
    });
    const row = await rowOf(await ui.openPanel(), /^Deposit/);
    expect(trackersIn(row).map(readable)).toEqual(['Keitaro delivered', 'Binom failed']);
    expect(within(row).queryByText(/click id/)).toBeNull();
  });

  it('says it in Russian', async () => {
    const ui = renderPanel(BORIS, { 'contact.lookup': () => found(deposit(EVERY_STATE)) }, 'ru');
    const row = await rowOf(await ui.openPanel(), /^Депозит/);
    expect(trackersIn(row, 'Трекеры').map(readable)).toEqual([
      'Keitaro доставлено',
      'Chatterfy в очереди',
      'Binom ждёт: нет click id',
      'Voluum ошибка: 400 Bad Request: invalid token',
    ]);
    expect(within(row).getByText('Нет click id: привяжите click id лида, чтобы отправить событие.')).toBeTruthy();
  });

  it('cuts a tracker’s long answer to its first line, briefly', async () => {
    const page = `<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head>${'x'.repeat(300)}\n<body>nginx</body></html>`;
    const ui = renderPanel(BORIS, { 'contact.lookup': () => found(deposit([delivery('Binom', 'failed', page)])) });
    const [binom] = trackersIn(await rowOf(await ui.openPanel(), /^Deposit/));
    const shown = readable(binom!);
    expect(shown.startsWith('Binom failed: <!DOCTYPE html><html><head><title>502 Bad Gateway</title>')).toBe(true);
    expect(shown.endsWith('x…')).toBe(true);
    expect(shown).not.toContain('nginx');
  });

  it('shows a hostile destination name and tracker error as text, never as markup', async () => {
    const name = '<img src=x onerror="alert(1)">Keitaro';
    const error = '<script>alert(2)</script><b>refused</b>';
    const ui = renderPanel(BORIS, { 'contact.lookup': () => found(deposit([delivery(name, 'failed', error)])) });
    const row = await rowOf(await ui.openPanel(), /^Deposit/);
    expect(trackersIn(row).map(readable)).toEqual([`${name} failed: ${error}`]);
    expect(row.querySelector('img, script, b')).toBeNull();
  });
});

describe('the tracker line while the panel is open', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  /** Timers under the test's hand, while promises, messages and Testing Library's waiting still run on real time. */
  const fakeTime = () => vi.useFakeTimers({ shouldAdvanceTime: true, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  const advance = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));

  it('follows a queued and a held delivery until the trackers have it, then stops asking', async () => {
    fakeTime();
    let deliveries = [delivery('Keitaro', 'pending'), delivery('Binom', 'held')];
    const ui = renderPanel(BORIS, { 'contact.lookup': () => found(deposit(deliveries)) });
    const panel = await ui.openPanel();
    expect(trackersIn(await rowOf(panel, /^Deposit/)).map(readable)).toEqual([
      'Keitaro queued',
      'Binom held: no click id',
    ]);
    const lookups = () => ui.background.sentAs('contact.lookup').length;
    expect(lookups()).toBe(1);

    deliveries = [delivery('Keitaro', 'delivered'), delivery('Binom', 'held')];
    await advance(10_000);
    await waitFor(async () =>
      expect(trackersIn(await rowOf(panel, /^Deposit/)).map(readable)).toEqual([
        'Keitaro delivered',
        'Binom held: no click id',
      ]),
    );
    expect(lookups()).toBe(2);

    deliveries = [delivery('Keitaro', 'delivered'), delivery('Binom', 'delivered')];
    await advance(10_000);
    await waitFor(async () =>
      expect(trackersIn(await rowOf(panel, /^Deposit/)).map(readable)).toEqual([
        'Keitaro delivered',
        'Binom delivered',
      ]),
    );
    expect(within(panel).queryByText(/link the lead’s click id to send it/)).toBeNull();
    expect(lookups()).toBe(3);

    await advance(60_000);
    expect(lookups()).toBe(3);
  });

  it('stops asking when the panel closes, and asks again when it opens', async () => {
    fakeTime();
    const ui = renderPanel(BORIS, { 'contact.lookup': () => found(deposit([delivery('Keitaro', 'pending')])) });
    await ui.openPanel();
    const lookups = () => ui.background.sentAs('contact.lookup').length;
    await advance(10_000);
    await waitFor(() => expect(lookups()).toBe(2));

    await ui.user.click(
      within(screen.getByRole('complementary', { name: 'Tracker Data' })).getByRole('button', { name: 'Close' }),
    );
    await advance(60_000);
    expect(lookups()).toBe(2);

    await ui.openPanel();
    await waitFor(() => expect(lookups()).toBe(3));
    await advance(10_000);
    await waitFor(() => expect(lookups()).toBe(4));
  });

  it('keeps the history shown when a follow-up lookup fails, and asks again', async () => {
    fakeTime();
    let answer: () => MessageResponse<'contact.lookup'> = () => found(deposit([delivery('Keitaro', 'pending')]));
    const ui = renderPanel(BORIS, { 'contact.lookup': () => answer() });
    const panel = await ui.openPanel();

    answer = () => ({ status: 'error', error: { code: 'network', message: 'Cannot reach the platform' } });
    await advance(10_000);
    await waitFor(() => expect(ui.background.sentAs('contact.lookup')).toHaveLength(2));
    expect(within(panel).queryByText(/Could not load this contact/)).toBeNull();
    expect(trackersIn(await rowOf(panel, /^Deposit/)).map(readable)).toEqual(['Keitaro queued']);

    answer = () => found(deposit([delivery('Keitaro', 'delivered')]));
    await advance(10_000);
    await waitFor(async () =>
      expect(trackersIn(await rowOf(panel, /^Deposit/)).map(readable)).toEqual(['Keitaro delivered']),
    );
  });

  it('shows where an event just sent from this chat went, without waiting for the next round', async () => {
    fakeTime();
    let events: TrackerEvent[] = [];
    const ui = renderPanel(BORIS, { 'contact.lookup': () => found(...events) });
    const { event } = await ui.outbox.add({
      id: DEPOSIT_ID,
      type: 'deposit',
      amount: '100',
      currency: 'USD',
      contact: BORIS,
      occurredAt: '2026-11-22T15:30:00.000Z',
    });
    const panel = await ui.openPanel();
    await waitFor(async () => expect(within(await rowOf(panel, /^Deposit/)).getByText('Queued')).toBeTruthy());
    expect(within(await rowOf(panel, /^Deposit/)).queryByRole('list', { name: 'Trackers' })).toBeNull();

    events = [{ ...deposit([delivery('Keitaro', 'delivered'), delivery('Chatterfy', 'pending')]), ...event }];
    await ui.outbox.deliver(DEPOSIT_ID);
    await waitFor(async () => expect(within(await rowOf(panel, /^Deposit/)).getByText('Sent')).toBeTruthy());
    await advance(1_000);
    await waitFor(async () =>
      expect(trackersIn(await rowOf(panel, /^Deposit/)).map(readable)).toEqual([
        'Keitaro delivered',
        'Chatterfy queued',
      ]),
    );
  });
});
