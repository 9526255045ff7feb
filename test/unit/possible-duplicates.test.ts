import { describe, expect, it } from 'vitest';
import type { HistoryItem } from '../../lib/domain/event-history';
import { possibleDuplicateOf, possibleDuplicates } from '../../lib/domain/possible-duplicates';

let next = 0;
/** One line of a contact's history as the platform has it. */
const event = (fields: Partial<HistoryItem> & Pick<HistoryItem, 'source' | 'occurredAt'>): HistoryItem => ({
  id: `e${++next}`,
  type: 'deposit',
  amount: '150',
  currency: 'USD',
  state: 'sent',
  rejectedByTracker: false,
  ...fields,
});

const pairedIds = (history: HistoryItem[]) =>
  possibleDuplicates(history).map(({ logged, postback }) => [logged.id, postback.id]);

describe('a deposit logged by hand and a postback that may be the same payment', () => {
  it('pairs the same amount written differently, in the same currency, within a day', () => {
    const manual = event({ source: 'manual', amount: '150', occurredAt: '2026-12-04T10:29:00.000Z' });
    const postback = event({ source: 'postback', amount: '150.00', occurredAt: '2026-12-04T10:31:00.000Z' });
    expect(pairedIds([postback, manual])).toEqual([[manual.id, postback.id]]);
    const other = possibleDuplicateOf([postback, manual]);
    expect(other.get(manual.id)).toBe(postback);
    expect(other.get(postback.id)).toBe(manual);
  });

  it('pairs the bot flow’s deposit and a postback’s redeposit of the same payment', () => {
    const flow = event({
      source: 'flow',
      type: 'deposit',
      amount: '0.50',
      currency: 'EUR',
      occurredAt: '2026-12-04T00:00:00.000Z',
    });
    const postback = event({
      source: 'postback',
      type: 'redeposit',
      amount: '0.5',
      currency: 'EUR',
      occurredAt: '2026-12-05T00:00:00.000Z',
    });
    expect(pairedIds([flow, postback])).toEqual([[flow.id, postback.id]]);
  });

  it('does not pair the same amount in another currency', () => {
    const history = [
      event({ source: 'manual', currency: 'USD', occurredAt: '2026-12-04T10:29:00.000Z' }),
      event({ source: 'postback', currency: 'EUR', occurredAt: '2026-12-04T10:31:00.000Z' }),
    ];
    expect(possibleDuplicates(history)).toEqual([]);
    expect(possibleDuplicateOf(history).size).toBe(0);
  });

  it('does not pair another amount', () => {
    const history = [
      event({ source: 'manual', amount: '150', occurredAt: '2026-12-04T10:29:00.000Z' }),
      event({ source: 'postback', amount: '15', occurredAt: '2026-12-04T10:31:00.000Z' }),
    ];
    expect(possibleDuplicates(history)).toEqual([]);
  });

  it('does not pair events 25 hours apart', () => {
    const history = [
      event({ source: 'manual', occurredAt: '2026-12-03T09:29:00.000Z' }),
      event({ source: 'postback', occurredAt: '2026-12-04T10:29:00.000Z' }),
    ];
    expect(possibleDuplicates(history)).toEqual([]);
  });

  it('does not pair two deposits logged by hand, nor two postbacks', () => {
    expect(
      possibleDuplicates([
        event({ source: 'manual', occurredAt: '2026-12-04T10:29:00.000Z' }),
        event({ source: 'manual', occurredAt: '2026-12-04T10:31:00.000Z' }),
        event({ source: 'flow', occurredAt: '2026-12-04T10:33:00.000Z' }),
      ]),
    ).toEqual([]);
    expect(
      possibleDuplicates([
        event({ source: 'postback', occurredAt: '2026-12-04T10:29:00.000Z' }),
        event({ source: 'postback', occurredAt: '2026-12-04T10:31:00.000Z' }),
      ]),
    ).toEqual([]);
  });

  it('does not pair registrations', () => {
    const registration = (source: HistoryItem['source']) =>
      event({
        source,
        type: 'registration',
        amount: undefined,
        currency: undefined,
        occurredAt: '2026-12-04T10:29:00.000Z',
      });
    expect(possibleDuplicates([registration('manual'), registration('postback')])).toEqual([]);
  });

  it('pairs each event once, the closest first: two manual deposits and one postback say it once', () => {
    const early = event({ source: 'manual', occurredAt: '2026-12-04T08:00:00.000Z' });
    const close = event({ source: 'manual', occurredAt: '2026-12-04T10:29:00.000Z' });
    const postback = event({ source: 'postback', occurredAt: '2026-12-04T10:31:00.000Z' });
    expect(pairedIds([postback, close, early])).toEqual([[close.id, postback.id]]);
    expect(possibleDuplicateOf([postback, close, early]).has(early.id)).toBe(false);
  });
});
