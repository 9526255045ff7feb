import type { Contact, Operator, TrackerEventInput } from '../lib/schemas/api';
import type { OperatorRole } from '../lib/schemas/admin';
import type { ServerContext } from '../server/context';
import type { Receipt } from '../server/events/rows';

/** The accounts, contacts and history every fresh sandbox starts with (the shared fixed facts of the project). */

export const DEMO_OPERATORS: ReadonlyArray<{ operator: Operator; password: string; role: OperatorRole }> = [
  {
    operator: { id: 'op_demo', name: 'Demo Manager', email: 'demo@tracker.test' },
    password: 'demo-password',
    role: 'manager',
  },
  {
    operator: { id: 'op_second', name: 'Second Manager', email: 'second@tracker.test' },
    password: 'second-password',
    role: 'manager',
  },
  {
    operator: { id: 'op_admin', name: 'Demo Admin', email: 'admin@tracker.test' },
    password: 'admin-password',
    role: 'admin',
  },
];

const anna = {
  channel: 'telegram',
  externalId: '777001',
  displayName: 'Anna Petrova',
  username: 'anna_leads',
} as const;
const boris = { channel: 'telegram', externalId: '777002', displayName: 'Boris Ivanov' } as const;
const leadsGroup = { channel: 'telegram', externalId: '-1001234567890', displayName: 'Leads Group' } as const;

export const DEMO_CONTACTS: readonly Contact[] = [
  { ...anna, trackerData: { clickId: 'clk_7f3a9c', subId: 'sub_42', source: 'facebook', campaign: 'spring_promo' } },
  { ...boris, trackerData: { clickId: 'clk_b0r15', source: 'google', campaign: 'brand' } },
  { ...leadsGroup, trackerData: { source: 'telegram_ads' } },
];

const FLOW_STEP = { source: 'flow', stepName: 'Send Tracker Event', status: 'accepted' } as const;

/**
 * Boris's first deposit, logged by the bot flow's "Send Tracker Event" step, and the partner's postback of the same
 * 100 dollars twelve minutes later: stored side by side, the postback never forwarded, so the panel's history says
 * "may be the same deposit" on both lines. The flow's one stays his first deposit, so a second "Deposit" for him is
 * refused. Neither is a manual event, so tests that count what the manager logged by hand start from none.
 */
const BORIS_DEPOSIT_FROM_FLOW: { input: TrackerEventInput; receipt: Receipt } = {
  input: {
    id: 'b3c5d7e9-2f4a-4b6c-8d0e-3f5a7b9c1d23',
    type: 'deposit',
    contact: boris,
    amount: '100',
    currency: 'USD',
    occurredAt: '2026-11-19T09:40:00.000Z',
  },
  receipt: { ...FLOW_STEP, receivedAt: '2026-11-19T09:40:05.000Z' },
};
const BORIS_PARTNER_POSTBACK: { input: TrackerEventInput; receipt: Receipt } = {
  input: {
    id: 'c4d6e8f0-3a5b-4c7d-9e1f-4a6b8c0d2e34',
    type: 'deposit',
    contact: boris,
    amount: '100',
    currency: 'USD',
    occurredAt: '2026-11-19T09:52:00.000Z',
  },
  receipt: { source: 'postback', status: 'accepted', receivedAt: '2026-11-19T09:52:01.000Z' },
};

export const DEMO_EVENTS: ReadonlyArray<{ input: TrackerEventInput; receipt: Receipt }> = [
  {
    input: {
      id: '6f1d3c2a-5b7e-4c9a-8d2f-1a3b5c7d9e01',
      type: 'registration',
      contact: anna,
      occurredAt: '2026-11-20T10:15:00.000Z',
    },
    receipt: { ...FLOW_STEP, receivedAt: '2026-11-20T10:15:01.000Z' },
  },
  {
    input: {
      id: '8a2e4f6b-1c3d-4e5f-9a7b-2c4d6e8f0a12',
      type: 'registration',
      contact: boris,
      occurredAt: '2026-11-18T14:02:00.000Z',
    },
    receipt: { ...FLOW_STEP, receivedAt: '2026-11-18T14:02:01.000Z' },
  },
  BORIS_DEPOSIT_FROM_FLOW,
  BORIS_PARTNER_POSTBACK,
];

/** The ids of the events the demo starts with, so a test can tell them from its own. */
export const DEMO_EVENT_IDS: ReadonlySet<string> = new Set(DEMO_EVENTS.map(({ input }) => input.id));

/** Seeds only a database that has no operators yet, so a restart over a used file keeps what happened since. */
export async function seedDemoData({ operators, tracker }: ServerContext): Promise<void> {
  if ((await operators.list()).length > 0) return;
  for (const { operator, password, role } of DEMO_OPERATORS) await operators.create({ ...operator, password, role });
  for (const contact of DEMO_CONTACTS) await tracker.addContact(contact);
  for (const { input, receipt } of DEMO_EVENTS) await tracker.record(input, receipt);
}
