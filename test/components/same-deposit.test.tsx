import { within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { TrackerEvent } from '../../lib/schemas';
import './support/setup';
import { BORIS } from './support/demo-contacts';
import { renderPanel } from './support/render-panel';

const platform = (
  fields: Partial<TrackerEvent> & Pick<TrackerEvent, 'id' | 'type' | 'occurredAt' | 'source'>,
): TrackerEvent => ({
  contact: BORIS,
  status: 'forwarded',
  receivedAt: fields.occurredAt,
  ...fields,
});

/**
 * Boris's deposit logged by hand at 10:29 and a partner's postback of the same 150 dollars at 10:31, written its own
 * way; an earlier deposit of another amount, and the registration, are no one's duplicate.
 */
const EVENTS: TrackerEvent[] = [
  platform({
    id: 'c0000000-0000-4000-8000-000000000004',
    type: 'deposit',
    amount: '150.00',
    currency: 'USD',
    occurredAt: '2026-12-04T10:31:00.000Z',
    source: 'postback',
  }),
  platform({
    id: 'c0000000-0000-4000-8000-000000000003',
    type: 'deposit',
    amount: '150',
    currency: 'USD',
    occurredAt: '2026-12-04T10:29:00.000Z',
    source: 'manual',
  }),
  platform({
    id: 'c0000000-0000-4000-8000-000000000002',
    type: 'deposit',
    amount: '40',
    currency: 'USD',
    occurredAt: '2026-12-04T09:00:00.000Z',
    source: 'manual',
  }),
  platform({
    id: 'c0000000-0000-4000-8000-000000000001',
    type: 'registration',
    occurredAt: '2026-12-04T08:00:00.000Z',
    source: 'flow',
    stepName: 'Welcome',
  }),
];

async function historyRows(locale: 'en' | 'ru', heading: string, events = EVENTS) {
  const ui = renderPanel(
    BORIS,
    {
      'contact.lookup': () => ({
        status: 'found',
        contact: { ...BORIS, trackerData: { clickId: 'ab12cd34' } },
        events,
      }),
    },
    locale,
  );
  const panel = await ui.openPanel();
  return within(within(panel).getByRole('list', { name: heading })).getAllByRole('listitem');
}

const timeOf = (row: HTMLElement) => row.querySelector('time')?.textContent ?? '';
const noteOf = (row: HTMLElement) => within(row).queryByRole('note')?.textContent;

describe('a deposit logged by hand and a postback that may be the same payment', () => {
  it('says so in words on both lines, each naming the other’s time', async () => {
    const [postback, manual, other, registration] = await historyRows('en', 'Events');
    expect(noteOf(postback!)).toBe(`May be the same deposit as the one logged by hand on ${timeOf(manual!)}`);
    expect(noteOf(manual!)).toBe(`May be the same deposit as the postback of ${timeOf(postback!)}`);
    expect(noteOf(other!)).toBeUndefined();
    expect(noteOf(registration!)).toBeUndefined();
  });

  it('says so in Russian in a Russian panel', async () => {
    const [postback, manual, other] = await historyRows('ru', 'События');
    expect(timeOf(manual!)).toMatch(/^\d{1,2} [а-я]+\.? 2026/);
    expect(noteOf(postback!)).toBe(`Возможно, это тот же депозит, что записан вручную ${timeOf(manual!)}`);
    expect(noteOf(manual!)).toBe(`Возможно, это тот же депозит, что и в постбэке от ${timeOf(postback!)}`);
    expect(noteOf(other!)).toBeUndefined();
  });

  it('names the bot flow when the flow logged the deposit', async () => {
    const flow = platform({
      id: 'd0000000-0000-4000-8000-000000000001',
      type: 'redeposit',
      amount: '0.5',
      currency: 'USDT',
      occurredAt: '2026-12-04T10:00:00.000Z',
      source: 'flow',
      stepName: 'Paid',
    });
    const postback = platform({
      id: 'd0000000-0000-4000-8000-000000000002',
      type: 'redeposit',
      amount: '0.50',
      currency: 'USDT',
      occurredAt: '2026-12-05T09:00:00.000Z',
      source: 'postback',
    });
    const [postbackRow, flowRow] = await historyRows('en', 'Events', [postback, flow]);
    expect(noteOf(postbackRow!)).toBe(`May be the same deposit as the one the bot flow logged on ${timeOf(flowRow!)}`);
    expect(noteOf(flowRow!)).toBe(`May be the same deposit as the postback of ${timeOf(postbackRow!)}`);
  });
});
