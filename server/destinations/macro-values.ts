import type { PostbackMacro } from '../../lib/schemas/destination';
import type { PostbackFacts } from './postback-facts';

export type MacroValues = Partial<Record<PostbackMacro, string>>;

/**
 * The value of every macro for one event. A registration carries no money, whatever the facts say, so `{amount}` and
 * `{currency}` are absent for it and the parameters that hold only them are left out of the request.
 */
export function macroValues(facts: PostbackFacts, status: string): MacroValues {
  const carriesMoney = facts.eventType !== 'registration';
  const currency = carriesMoney ? facts.currency : undefined;
  return {
    event_id: facts.eventId,
    event_type: facts.eventType,
    status,
    amount: carriesMoney ? facts.amount : undefined,
    currency,
    currency_lower: currency?.toLowerCase(),
    click_id: facts.clickId,
    sub_id: facts.subId,
    source: facts.source,
    campaign: facts.campaign,
    channel: facts.channel,
    contact_id: facts.contactId,
    username: facts.username,
    operator_email: facts.operatorEmail,
    occurred_at: facts.occurredAt,
  };
}
