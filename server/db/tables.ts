import type { Selectable } from 'kysely';

/**
 * The tables as Kysely sees them. Times the server decides (created, expires, used) are milliseconds since the epoch
 * in BIGINT columns; times the API carries (occurredAt, receivedAt) are also kept as the ISO text the contract echoes.
 * Tokens are stored only as SHA-256 hashes, so a copied database opens no session.
 */

export interface OperatorsTable {
  id: string;
  /** Lower case: one account per address, however it is typed. */
  email: string;
  name: string;
  role: 'admin' | 'manager';
  password_hash: string;
  created_at: number;
  /** Set when an admin removes the operator: the row stays, so their events still name who logged them. */
  deleted_at: number | null;
}

/** A sign-in and every token rotated from it: one refresh-token family (RFC 9700 §4.14.2). */
export interface SessionsTable {
  id: string;
  operator_id: string;
  created_at: number;
  revoked_at: number | null;
  /** Why it ended: 'logout', 'refresh_token_reuse', 'operator_removed', 'revoked_by_test'. */
  revoked_reason: string | null;
}

export interface RefreshTokensTable {
  token_hash: string;
  session_id: string;
  created_at: number;
  expires_at: number;
  /** When it was spent on a refresh; a spent token outside the grace is a reuse. */
  used_at: number | null;
  /** When another successor of the same token, issued inside the grace, was spent before it. */
  revoked_at: number | null;
}

export interface AccessTokensTable {
  token_hash: string;
  session_id: string;
  expires_at: number;
}

export interface ContactsTable {
  id: string;
  channel: string;
  external_id: string;
  display_name: string | null;
  username: string | null;
  click_id: string | null;
  sub_id: string | null;
  source: string | null;
  campaign: string | null;
  /** Other tracker data keys, a JSON object of strings. */
  extra_tracker_data: string;
  created_at: number;
  updated_at: number;
}

export interface EventsTable {
  /** The client's UUID: the primary key is what makes a retry land on the same row. */
  id: string;
  contact_id: string;
  type: 'registration' | 'deposit' | 'redeposit';
  /** The contact's name and username as this event carried them (the contact row keeps the latest). */
  contact_display_name: string | null;
  contact_username: string | null;
  /** A decimal string as posted, never a float. */
  amount: string | null;
  currency: string | null;
  occurred_at: string;
  occurred_at_ms: number;
  received_at: string;
  note: string | null;
  status: 'accepted' | 'forwarded' | 'rejected';
  source: 'manual' | 'flow' | 'postback';
  step_name: string | null;
  operator_id: string | null;
  /** The posted input with sorted keys: a retry is "the same body" when this matches. */
  canonical_body: string;
}

export interface AuditLogTable {
  id: string;
  at: number;
  /** The operator who acted; null for an anonymous caller (a failed sign-in) or the server itself. */
  operator_id: string | null;
  action: string;
  /** What it acted on: an operator id, an event id, an email. */
  target: string | null;
  /** A JSON object of further facts; never a secret. */
  details: string | null;
  client_address: string | null;
}

export interface DestinationsTable {
  id: string;
  name: string;
  kind: 'keitaro' | 'binom' | 'voluum' | 'redtrack' | 'chatterfy' | 'webhook';
  /** With its key: the server sends it as is; every answer and log masks it. */
  url: string;
  enabled: 0 | 1;
  /** JSON: EventType[]. */
  events: string;
  /** JSON: StatusMap. */
  status_map: string;
  method: 'GET' | 'POST' | null;
  /** JSON object of header values (secrets included). */
  headers: string | null;
  body: string | null;
  created_at: number;
  updated_at: number;
  /** Set when an admin deletes it: its deliveries stay, it gets nothing new. */
  deleted_at: number | null;
}

export interface DeliveriesTable {
  id: string;
  event_id: string;
  destination_id: string;
  state: 'pending' | 'delivered' | 'failed';
  attempts: number;
  next_attempt_at: number;
  last_attempt_at: number | null;
  last_error: string | null;
  claimed_by: string | null;
  lease_expires_at: number | null;
  delivered_at: number | null;
  created_at: number;
}

export interface IntakesTable {
  id: string;
  name: string;
  kind: 'links' | 'flow' | 'postbacks';
  /** SHA-256 of the secret in its URL; the secret itself is shown once, at creation. */
  secret_hash: string;
  created_at: number;
  revoked_at: number | null;
  last_call_at: number | null;
  last_call_status: number | null;
}

/** One row per setting; `value` is JSON. */
export interface TeamSettingsTable {
  name: string;
  value: string;
  updated_at: number;
}

/** A partner's postback for a click id no contact had when it arrived. */
export interface UnmatchedPostbacksTable {
  id: string;
  intake_id: string;
  click_id: string;
  type: string;
  amount: string | null;
  currency: string | null;
  tid: string | null;
  received_at: number;
}

export interface Tables {
  operators: OperatorsTable;
  sessions: SessionsTable;
  refresh_tokens: RefreshTokensTable;
  access_tokens: AccessTokensTable;
  contacts: ContactsTable;
  events: EventsTable;
  audit_log: AuditLogTable;
  destinations: DestinationsTable;
  deliveries: DeliveriesTable;
  intakes: IntakesTable;
  team_settings: TeamSettingsTable;
  unmatched_postbacks: UnmatchedPostbacksTable;
}

export type OperatorRow = Selectable<OperatorsTable>;
export type ContactRow = Selectable<ContactsTable>;
export type EventRow = Selectable<EventsTable>;
export type AuditRow = Selectable<AuditLogTable>;
export type DestinationRow = Selectable<DestinationsTable>;
export type DeliveryRow = Selectable<DeliveriesTable>;
export type IntakeRow = Selectable<IntakesTable>;
