import { createApiClient, type ApiClient } from './api-client';
import type { BackoffPolicy } from './backoff';
import { createChatIdentities } from './chat-identities';
import { createHandlers } from './handlers';
import { createOutbox, type Outbox } from './outbox';
import { createPageStatuses, type PageStatuses } from './page-statuses';
import { createRefreshTokenStore } from './refresh-token-store';
import { createSession, type AuthSession } from './session';
import { createSettingsStore, type SettingsStore } from './settings-store';
import { createSiteRegistration, type SiteRegistration } from './site-registration';
import { migrateStored } from './storage';
import type { MessageHandlers } from '../messaging/router';

export interface BackgroundWorker {
  api: ApiClient;
  session: AuthSession;
  outbox: Outbox;
  settings: SettingsStore;
  handlers: MessageHandlers;
  pageStatuses: PageStatuses;
  sites: SiteRegistration;
}

/** Knobs for tests: a shorter timeout and backoff, a fixed clock or dice. */
export interface BackgroundWorkerOptions {
  timeoutMs?: number;
  backoff?: BackoffPolicy;
  concurrency?: number;
  now?: () => number;
  random?: () => number;
}

/** Everything the service worker runs, built synchronously so its listeners can be registered at once. */
export function createBackgroundWorker(options: BackgroundWorkerOptions = {}): BackgroundWorker {
  void migrateStored();
  const settings = createSettingsStore();
  const api = createApiClient({ baseUrl: async () => (await settings.get()).apiUrl, timeoutMs: options.timeoutMs });
  const session = createSession({ api, refreshTokens: createRefreshTokenStore(), now: options.now });
  const outbox = createOutbox({
    session,
    api,
    platform: async () => (await settings.get()).apiUrl,
    now: options.now,
    random: options.random,
    backoff: options.backoff,
    concurrency: options.concurrency,
  });
  const chatIdentities = createChatIdentities();
  const pageStatuses = createPageStatuses();
  const sites = createSiteRegistration({ settings });
  const handlers = createHandlers({ session, outbox, api, settings, chatIdentities, pageStatuses, sites });
  return { api, session, outbox, settings, handlers, pageStatuses, sites };
}
