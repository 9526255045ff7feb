import type { MessageHandlers } from '../messaging/router';
import type { ApiClient } from './api-client';
import type { ChatIdentities } from './chat-identities';
import { failedDeliveriesHandler } from './failed-deliveries';
import { createKnownOperators } from './known-operators';
import { createRecentCurrencies } from './recent-currencies';
import { toApiError } from './api-failure';
import type { Outbox } from './outbox';
import type { PageStatuses } from './page-statuses';
import type { AuthSession } from './session';
import type { SettingsStore } from './settings-store';
import { siteHandlers } from './site-registration-handlers';
import { trackerDataHandlers } from './tracker-data-handlers';
import type { SiteRegistration } from './site-registration';

export interface HandlerDeps {
  session: AuthSession;
  outbox: Outbox;
  api: ApiClient;
  settings: SettingsStore;
  chatIdentities: ChatIdentities;
  pageStatuses: PageStatuses;
  sites: SiteRegistration;
}

/** The background's answer to every message of the map; the router has already checked sender and shape. */
export function createHandlers({
  session,
  outbox,
  api,
  settings,
  chatIdentities,
  pageStatuses,
  sites,
}: HandlerDeps): MessageHandlers {
  const operators = createKnownOperators();
  const recentCurrencies = createRecentCurrencies();
  return {
    ...siteHandlers(sites),
    ...trackerDataHandlers({ session, api }),
    'session.get': () => session.summary(),
    'session.signIn': async (credentials) => {
      const result = await session.signIn(credentials);
      if (result.ok && result.session.signedIn) await operators.remember(result.session.operator);
      if (result.ok) void outbox.resume();
      return result;
    },
    'session.signOut': () => session.signOut(),
    'contact.lookup': async (key) => {
      const result = await session.withAuth((token) => api.getContact(key, token));
      if (result.ok) {
        outbox.noteReachable();
        return { status: 'found', contact: result.data.contact, events: result.data.events };
      }
      const { failure } = result;
      if (failure.kind === 'signedOut' || failure.kind === 'otherOperator') return { status: 'signedOut' };
      if (failure.kind === 'http' && failure.status === 404) return { status: 'unknown' };
      return { status: 'error', error: toApiError(failure) };
    },
    'deliveries.failed': failedDeliveriesHandler(session, api),
    'event.submit': async (event) => {
      const record = await outbox.enqueue(event);
      if (event.currency) await recentCurrencies.remember(event.currency).catch(() => undefined);
      return record;
    },
    'event.resendAsRedeposit': ({ id, newId }) => outbox.resendAsRedeposit(id, newId),
    'chat.recall': async (chat) => {
      const externalId = await chatIdentities.recall(chat);
      return externalId === undefined ? {} : { externalId };
    },
    'chat.remember': async ({ externalId, ...chat }) => {
      await chatIdentities.remember(chat, externalId);
      return { ok: true };
    },
    'page.report': async (status, sender) => {
      if (sender.tab?.id !== undefined) await pageStatuses.report(sender.tab.id, status);
      return { ok: true };
    },
    'page.status': async ({ tabId }) => (await pageStatuses.of(tabId)) ?? null,
    'outbox.list': ({ contact }) => outbox.list(contact),
    'outbox.summary': () => outbox.summary(),
    'outbox.log': () => outbox.log(),
    'outbox.retry': async ({ id }) => ({ ok: await outbox.retry(id) }),
    'outbox.dismiss': async ({ id }) => ({ ok: await outbox.dismiss(id) }),
    'outbox.heldForOthers': async () =>
      Promise.all(
        (await outbox.heldForOthers()).map(async (held) => {
          const operator = held.operatorId === null ? undefined : await operators.find(held.operatorId);
          return operator ? { ...held, operator } : held;
        }),
      ),
    'outbox.forOtherPlatforms': () => outbox.forOtherPlatforms(),
    'outbox.dismissForPlatform': async ({ apiUrl }) => ({ dismissed: await outbox.dismissForPlatform(apiUrl) }),
    'outbox.setAside': () => outbox.setAside(),
    'outbox.restoreSetAside': () => outbox.restoreSetAside(),
    'outbox.adopt': async ({ operatorId }) => ({ adopted: await outbox.adopt(operatorId) }),
    'settings.get': () => settings.get(),
    'currencies.recent': () => recentCurrencies.list(),
    'settings.save': async (values) => {
      // A session belongs to one platform: its tokens must never be sent to another. Signing out first tells the old one.
      if ((await settings.get()).apiUrl !== values.apiUrl && (await session.summary()).signedIn)
        await session.signOut();
      return settings.save(values);
    },
  };
}
