import type { ContactRef, MessageResponse, TrackerEvent } from '../../../lib/schemas';

/** The shared demo facts (the sandbox seeds the same contacts). */
export const ANNA: ContactRef = {
  channel: 'telegram',
  externalId: '777001',
  displayName: 'Anna Petrova',
  username: 'anna_leads',
};
export const BORIS: ContactRef = { channel: 'telegram', externalId: '777002', displayName: 'Boris Ivanov' };
export const LEADS_GROUP: ContactRef = {
  channel: 'telegram',
  externalId: '-1001234567890',
  displayName: 'Leads Group',
};
export const CLARA: ContactRef = { channel: 'telegram', externalId: '777003', displayName: 'Clara Smith' };

function platformEvent(
  contact: ContactRef,
  fields: Partial<TrackerEvent> & Pick<TrackerEvent, 'id' | 'type' | 'occurredAt'>,
): TrackerEvent {
  return { contact, status: 'forwarded', receivedAt: fields.occurredAt, source: 'manual', ...fields };
}

type Lookup = MessageResponse<'contact.lookup'>;

export const LOOKUPS: Readonly<Record<string, Lookup>> = {
  '777001': {
    status: 'found',
    contact: {
      ...ANNA,
      trackerData: { clickId: 'clk_7f3a9c', subId: 'sub_42', source: 'facebook', campaign: 'spring_promo' },
    },
    events: [
      platformEvent(ANNA, {
        id: '6f1f0f44-2d5c-4d7e-9a43-0c8a4c1e0a01',
        type: 'registration',
        occurredAt: '2026-11-20T10:00:00.000Z',
        source: 'flow',
        stepName: 'Send Tracker Event',
      }),
    ],
  },
  '777002': {
    status: 'found',
    contact: { ...BORIS, trackerData: { clickId: 'clk_b0r15', source: 'google', campaign: 'brand' } },
    events: [
      platformEvent(BORIS, {
        id: '0b7e51a4-93b4-4d0f-8d55-3f1e7d2c9b02',
        type: 'deposit',
        amount: '100',
        currency: 'USD',
        occurredAt: '2026-11-22T15:30:00.000Z',
      }),
      platformEvent(BORIS, {
        id: '4c2d8e16-5a7b-4f3e-b1c9-8e6d4a2f7c03',
        type: 'registration',
        occurredAt: '2026-11-21T09:00:00.000Z',
      }),
    ],
  },
  '-1001234567890': {
    status: 'found',
    contact: { ...LEADS_GROUP, trackerData: { source: 'telegram_ads' } },
    events: [],
  },
};

/** `contact.lookup` as the platform answers it for the demo contacts: anyone else is unknown (404). */
export function lookUpDemoContact({ externalId }: { externalId: string }): Lookup {
  return LOOKUPS[externalId] ?? { status: 'unknown' };
}
