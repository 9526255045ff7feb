import type { AdminEvent } from '../../../lib/schemas/admin-deliveries';
import type { AdminLead } from '../../../lib/schemas/console';

export const MIA = { id: 'op-mia', name: 'Mia Manager', email: 'mia@team.example' };
export const NICK = { id: 'op-nick', name: 'Nick Night', email: 'nick@team.example' };

export const DEPOSIT: AdminEvent = {
  id: '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed',
  type: 'deposit',
  contact: { channel: 'telegram', externalId: '5550001', username: 'lena_k' },
  amount: '150.00',
  currency: 'USD',
  occurredAt: '2026-12-05T07:30:00.000Z',
  receivedAt: '2026-12-05T07:30:01.000Z',
  status: 'accepted',
  source: 'manual',
  operator: MIA,
  deliveries: [
    { destinationId: 'dest-k', destination: 'Keitaro', state: 'delivered', attempts: 1 },
    { destinationId: 'dest-b', destination: 'Binom', state: 'failed', attempts: 3, lastError: '400 unknown cnv_id' },
  ],
};

export const REGISTRATION: AdminEvent = {
  id: '6ec0bd7f-11c0-43da-975e-2a8ad9ebae0b',
  type: 'registration',
  contact: { channel: 'telegram', externalId: '5550002', username: '=cmd|calc' },
  occurredAt: '2026-12-04T18:00:00.000Z',
  receivedAt: '2026-12-04T18:00:00.500Z',
  status: 'accepted',
  source: 'flow',
  stepName: 'Signed up',
  deliveries: [{ destinationId: 'dest-k', destination: 'Keitaro', state: 'held', attempts: 0 }],
};

export const REDEPOSIT: AdminEvent = {
  id: '9f1c2a4e-7d3b-4c8e-a1f2-3b4c5d6e7f80',
  type: 'redeposit',
  contact: { channel: 'whatsapp', externalId: '79990001122', displayName: 'Ivan, "VIP"' },
  amount: '70',
  currency: 'EUR',
  occurredAt: '2026-12-03T12:00:00.000Z',
  receivedAt: '2026-12-03T12:00:00.000Z',
  status: 'accepted',
  source: 'manual',
  operator: NICK,
  deliveries: [],
};

export const LENA: AdminLead = {
  contact: {
    channel: 'telegram',
    externalId: '5550001',
    username: 'lena_k',
    trackerData: { clickId: 'kt-click-777', source: 'fb' },
  },
  events: [
    DEPOSIT,
    {
      ...DEPOSIT,
      id: '0d7e4a1c-5b2f-4e3a-9c8d-7f6e5d4c3b2a',
      source: 'postback',
      operator: undefined,
      amount: '150',
      deliveries: [],
    },
  ],
  audit: [
    {
      id: 'a1',
      at: '2026-12-05T07:00:00.000Z',
      actor: 'intake: Chatterfy bot',
      action: 'contact.tracker_data.set',
      details: { clickId: 'kt-click-777' },
    },
    {
      id: 'a2',
      at: '2026-12-05T07:30:01.000Z',
      actor: 'mia@team.example',
      action: 'event.logged',
      details: { type: 'deposit' },
    },
  ],
};
