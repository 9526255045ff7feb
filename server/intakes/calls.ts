import { channelSchema } from '../../lib/schemas/api';
import type { TrackerEventInput } from '../../lib/schemas/api';
import { flowCallSchema, linksCallSchema, postbackCallSchema } from '../../lib/schemas/intake-calls';
import { linkContact } from '../contacts/link';
import type { ServerContext } from '../context';
import type { IntakeRow } from '../db/tables';
import type { RecordOutcome } from '../events/store';
import { fail, parseOrRefuse } from '../http/errors';
import { eventIdFor, intakeEventInput } from './event-input';

/** What an intake answers when it took the call; it says nothing about what is stored (an intake reads nothing). */
export interface Taken {
  status: 200 | 201;
  body: { accepted: true };
}
const TAKEN: Taken = { status: 200, body: { accepted: true } };
const STORED: Taken = { status: 201, body: { accepted: true } };

const REFUSED = 'The call breaks the intake contract';
type Params = Record<string, string>;

/** `links`: sets the contact's tracker data, creating the contact; the same call again changes nothing. */
async function link(context: ServerContext, params: Params): Promise<Taken> {
  const call = parseOrRefuse(linksCallSchema, params, REFUSED);
  await linkContact(
    context,
    { channel: call.channel, externalId: call.contact_id },
    { clickId: call.click_id, subId: call.sub_id, source: call.source, campaign: call.campaign },
    { username: call.username },
  );
  return TAKEN;
}

/** The same caller id again (a retried webhook) is the stored event, whatever else the retry carries. */
function answer(outcome: RecordOutcome): Taken {
  switch (outcome.kind) {
    case 'created':
      return STORED;
    case 'same':
    case 'idempotency_conflict':
      return TAKEN;
    case 'deposit_exists':
      return fail(409, {
        code: 'deposit_exists',
        message: 'This contact already has a deposit: send it as a redeposit',
      });
  }
}

/** `flow`: a bot flow's tracker event, stored and forwarded like a manager's (deliveries in the same transaction). */
async function flowEvent(context: ServerContext, params: Params, clientAddress: string): Promise<Taken> {
  const call = parseOrRefuse(flowCallSchema, params, REFUSED);
  const input = intakeEventInput(
    eventIdFor('flow', call.event_id),
    call.event,
    { channel: call.channel, externalId: call.contact_id },
    call.amount,
    call.currency,
  );
  const outcome = await context.tracker.record(
    input,
    { status: 'accepted', source: 'flow', stepName: call.step, receivedAt: new Date().toISOString() },
    { clientAddress },
  );
  return answer(outcome);
}

async function keepForAdmin(
  context: ServerContext,
  intake: IntakeRow,
  id: string,
  clickId: string,
  input: TrackerEventInput,
  tid: string | undefined,
): Promise<void> {
  await context.db
    .insertInto('unmatched_postbacks')
    .values({
      id,
      intake_id: intake.id,
      click_id: clickId,
      type: input.type,
      amount: input.amount ?? null,
      currency: input.currency ?? null,
      tid: tid ?? null,
      received_at: Date.now(),
    })
    .onConflict((conflict) => conflict.column('id').doNothing())
    .execute();
}

/**
 * `postbacks`: a partner's own conversion, stored on the contact with that click id (never forwarded: the trackers
 * already have it), beside any deposit the team logged for it, or, when no contact has it yet, kept for the admin.
 */
async function postback(context: ServerContext, intake: IntakeRow, params: Params): Promise<Taken> {
  const call = parseOrRefuse(postbackCallSchema, params, REFUSED);
  const id = eventIdFor('postback', call.tid === undefined ? undefined : `${call.click_id}\n${call.tid}`);
  const contact = await context.db
    .selectFrom('contacts')
    .select(['channel', 'external_id'])
    .where('click_id', '=', call.click_id)
    .orderBy('updated_at', 'desc')
    .executeTakeFirst();
  if (!contact) {
    // Checked by the event rules like a matched one (the contact here only fills the shape), so what is kept is valid.
    const input = intakeEventInput(
      id,
      call.event,
      { channel: 'web', externalId: 'unmatched' },
      call.amount,
      call.currency,
    );
    await keepForAdmin(context, intake, id, call.click_id, input, call.tid);
    return TAKEN;
  }
  const input = intakeEventInput(
    id,
    call.event,
    { channel: channelSchema.parse(contact.channel), externalId: contact.external_id },
    call.amount,
    call.currency,
  );
  // Never refused as a second first deposit (migration 0004): the partner's report of a deposit the team logged too is
  // stored beside it, where the panel says they may be the same payment.
  return answer(
    await context.tracker.record(input, {
      status: 'accepted',
      source: 'postback',
      receivedAt: new Date().toISOString(),
    }),
  );
}

export function takeIntakeCall(
  context: ServerContext,
  intake: IntakeRow,
  params: Params,
  clientAddress: string,
): Promise<Taken> {
  switch (intake.kind) {
    case 'links':
      return link(context, params);
    case 'flow':
      return flowEvent(context, params, clientAddress);
    case 'postbacks':
      return postback(context, intake, params);
  }
}
