import { z } from 'zod/mini';
import { externalIdSchema, operatorSchema } from './api';
import { recentCurrenciesSchema } from './currency';
import { outboxRecordSchema, quarantinedRecordSchema } from './outbox';
import { pageStatusSchema } from './page-status';
import { sessionSummarySchema } from './session';
import { settingsSchema } from './settings';
import { addedSitesSchema } from './sites';
import { FIRST_STORED_VERSION, UNCHANGED_SINCE_0_1_0 } from './stored-versions';

/**
 * Every stored key, declared once: where it lives, what it holds, when it is cleared and, for a single key in
 * storage.local, the version of its shape (lib/schemas/stored-versions.ts).
 * `storage.local` is readable by content scripts, so nothing secret is declared there;
 * the access token lives in `storage.session` and the refresh token in the extension's own IndexedDB.
 */
export const stored = {
  /** One per saved event. Never cleared by sign-out; a sent record is pruned a week after delivery. */
  outboxRecord: { area: 'local', prefix: 'outbox:', schema: outboxRecordSchema },
  /**
   * Stored values that no longer parse (an older version's, a corrupted one), set aside under `quarantine:<their key>`
   * before the extension falls back to a default; in the area they were read from, so nothing in storage.session moves
   * where content scripts read. Counted in the popup; never cleared.
   */
  quarantined: { areas: ['local', 'session'], prefix: 'quarantine:', schema: quarantinedRecordSchema },
  /** The lead's id the manager typed for a chat the page does not identify, by `<channel>:<chatKey>`. Never cleared. */
  chatIdentity: { area: 'local', prefix: 'chatIdentity:', schema: externalIdSchema },
  /** The options page's settings. Never cleared. */
  settings: {
    area: 'local',
    key: 'settings',
    schema: settingsSchema,
    version: FIRST_STORED_VERSION,
    migrations: UNCHANGED_SINCE_0_1_0,
  },
  /** The currencies of the manager's last saved deposits, latest first, for the currency picker. Never cleared. */
  recentCurrencies: {
    area: 'local',
    key: 'recentCurrencies',
    schema: recentCurrenciesSchema,
    version: FIRST_STORED_VERSION,
    migrations: UNCHANGED_SINCE_0_1_0,
  },
  /** Sites the manager added (self-hosted Chatwoot, any page); their content scripts are registered from it. Never cleared. */
  sites: {
    area: 'local',
    key: 'sites',
    schema: addedSitesSchema,
    version: FIRST_STORED_VERSION,
    migrations: UNCHANGED_SINCE_0_1_0,
  },
  /**
   * Everyone who signed in here, by operator id, so events one of them left queued can be named to the next. Replaced
   * at each sign-in, never cleared: a name and an email, no token.
   */
  knownOperator: { area: 'local', prefix: 'operator:', schema: operatorSchema },
  /** Who is signed in, for the UI; no token. Replaced on sign-in and sign-out. */
  sessionSummary: {
    area: 'local',
    key: 'sessionSummary',
    schema: sessionSummarySchema,
    version: FIRST_STORED_VERSION,
    migrations: UNCHANGED_SINCE_0_1_0,
  },
  /** Per tab: how the extension is doing on its chat app (header or floating button). Gone when the browser quits. */
  pageStatus: { area: 'session', prefix: 'pageStatus:', schema: pageStatusSchema },
  /** The access token; storage.session is closed to content scripts and cleared when the browser quits. */
  accessToken: {
    area: 'session',
    key: 'accessToken',
    schema: z.object({ token: z.string(), expiresAt: z.number() }),
  },
} as const;

export const REFRESH_TOKEN_DB = { name: 'tracker-data-secrets', store: 'secrets', key: 'refreshToken' } as const;
