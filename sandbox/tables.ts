/**
 * The sandbox's SQLite schema. Tokens are stored as SHA-256 hashes, so the data file holds nothing a client could
 * replay. `body` is the event as the API answers it; `canonical_body` is the posted input with sorted keys, the thing a
 * retry must match to count as the same event.
 */
export const TABLES = `
CREATE TABLE IF NOT EXISTS operators (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  password_hash TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS refresh_tokens (
  token_hash TEXT PRIMARY KEY,
  session_id TEXT NOT NULL,
  operator_id TEXT NOT NULL REFERENCES operators (id),
  expires_at INTEGER NOT NULL,
  used_at INTEGER,
  revoked_at INTEGER
);
CREATE TABLE IF NOT EXISTS access_tokens (
  token_hash TEXT PRIMARY KEY,
  session_id TEXT NOT NULL,
  operator_id TEXT NOT NULL REFERENCES operators (id),
  expires_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS contacts (
  channel TEXT NOT NULL,
  external_id TEXT NOT NULL,
  display_name TEXT,
  username TEXT,
  tracker_data TEXT NOT NULL DEFAULT '{}',
  PRIMARY KEY (channel, external_id)
);
CREATE TABLE IF NOT EXISTS events (
  id TEXT PRIMARY KEY,
  channel TEXT NOT NULL,
  external_id TEXT NOT NULL,
  type TEXT NOT NULL,
  occurred_at_ms INTEGER NOT NULL,
  body TEXT NOT NULL,
  canonical_body TEXT NOT NULL,
  received_at TEXT NOT NULL,
  status TEXT NOT NULL,
  source TEXT NOT NULL,
  step_name TEXT,
  operator_id TEXT,
  FOREIGN KEY (channel, external_id) REFERENCES contacts (channel, external_id)
);
CREATE INDEX IF NOT EXISTS events_by_contact ON events (channel, external_id, occurred_at_ms);
`;
