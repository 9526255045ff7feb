import type { Channel, EventType } from '../../lib/schemas';

/**
 * What a postback can say about one event: the event, the contact's tracker data and who logged it. The delivery
 * queue builds it from its database rows; the presets only read it.
 */
export interface PostbackFacts {
  /** The event's own UUID: the same on every attempt, so a tracker that deduplicates counts it once. */
  eventId: string;
  eventType: EventType;
  /** A decimal string; absent for a registration. */
  amount?: string;
  /** ISO 4217 code or crypto ticker, upper case as stored; absent for a registration. */
  currency?: string;
  clickId: string;
  subId?: string;
  source?: string;
  campaign?: string;
  channel: Channel;
  contactId: string;
  username?: string;
  operatorEmail?: string;
  /** ISO 8601 UTC. */
  occurredAt: string;
}
