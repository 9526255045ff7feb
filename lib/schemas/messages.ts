import { z } from 'zod/mini';
import {
  apiErrorSchema,
  contactKeySchema,
  contactSchema,
  externalIdSchema,
  loginRequestSchema,
  operatorSchema,
  trackerEventInputSchema,
  trackerEventSchema,
} from './api';
import { unidentifiedChatSchema } from './chat';
import { recentCurrenciesSchema } from './currency';
import { pageStatusSchema } from './page-status';
import { outboxRecordSchema, outboxSummarySchema, quarantinedRecordSchema } from './outbox';
import { sessionSummarySchema } from './session';
import { settingsSchema } from './settings';
import { addedSiteSchema, addedSitesSchema } from './sites';
import { teamSettingsSchema } from './team-settings';
import { linkClickIdRequestSchema } from './tracker-data';

/**
 * Every runtime message, name → request and response, checked with zod on both ends.
 * `from` says who may send it: `extension` = the popup and options pages only; `content` = also content scripts.
 */
export const messages = {
  'session.get': { from: 'content', request: z.object({}), response: sessionSummarySchema },
  'session.signIn': {
    from: 'extension',
    request: loginRequestSchema,
    response: z.discriminatedUnion('ok', [
      z.object({ ok: z.literal(true), session: sessionSummarySchema }),
      z.object({ ok: z.literal(false), error: apiErrorSchema }),
    ]),
  },
  'session.signOut': { from: 'extension', request: z.object({}), response: sessionSummarySchema },
  'contact.lookup': {
    from: 'content',
    request: contactKeySchema,
    response: z.discriminatedUnion('status', [
      z.object({ status: z.literal('found'), contact: contactSchema, events: z.array(trackerEventSchema) }),
      z.object({ status: z.literal('unknown') }),
      z.object({ status: z.literal('signedOut') }),
      z.object({ status: z.literal('error'), error: apiErrorSchema }),
    ]),
  },
  /** The popup's list of the signed-in operator's events that a tracker refused or the server gave up on. */
  'deliveries.failed': {
    from: 'extension',
    request: z.object({}),
    response: z.discriminatedUnion('status', [
      z.object({ status: z.literal('listed'), events: z.array(trackerEventSchema) }),
      z.object({ status: z.literal('signedOut') }),
      z.object({ status: z.literal('error'), error: apiErrorSchema }),
    ]),
  },
  'event.submit': { from: 'content', request: trackerEventInputSchema, response: outboxRecordSchema },
  'event.resendAsRedeposit': {
    from: 'content',
    request: z.object({ id: z.uuid(), newId: z.uuid() }),
    response: outboxRecordSchema,
  },
  'outbox.list': {
    from: 'content',
    request: z.object({ contact: z.optional(contactKeySchema) }),
    response: z.array(outboxRecordSchema),
  },
  'outbox.summary': { from: 'content', request: z.object({}), response: outboxSummarySchema },
  /** The popup's log: failed events the manager dismissed (kept a week), newest dismissal first. */
  'outbox.log': { from: 'extension', request: z.object({}), response: z.array(outboxRecordSchema) },
  'outbox.retry': { from: 'content', request: z.object({ id: z.uuid() }), response: z.object({ ok: z.boolean() }) },
  'outbox.dismiss': { from: 'content', request: z.object({ id: z.uuid() }), response: z.object({ ok: z.boolean() }) },
  /**
   * Events queued for this platform by operators other than the one signed in, by operator (`null`: saved while signed
   * out): they wait until the manager chooses.
   */
  'outbox.heldForOthers': {
    from: 'extension',
    request: z.object({}),
    response: z.array(
      z.object({
        operatorId: z.nullable(z.string()),
        operator: z.optional(operatorSchema),
        count: z.int().check(z.positive()),
      }),
    ),
  },
  /** The signed-in operator sends another operator's queued events, or those saved while signed out (`null`), as their own. */
  'outbox.adopt': {
    from: 'extension',
    request: z.object({ operatorId: z.nullable(z.string().check(z.minLength(1))) }),
    response: z.object({ adopted: z.int().check(z.nonnegative()) }),
  },
  /** Events queued for another platform than the one set now, by platform: they wait until it is chosen again. */
  'outbox.forOtherPlatforms': {
    from: 'extension',
    request: z.object({}),
    response: z.array(z.object({ apiUrl: z.string(), count: z.int().check(z.positive()) })),
  },
  /** The manager gives up on the events queued for another platform: dismissed, kept a week in the log. */
  'outbox.dismissForPlatform': {
    from: 'extension',
    request: z.object({ apiUrl: z.string().check(z.minLength(1)) }),
    response: z.object({ dismissed: z.int().check(z.nonnegative()) }),
  },
  /** Stored values that no longer read, set aside (storage.local's only: no secret rests there): the popup exports them. */
  'outbox.setAside': { from: 'extension', request: z.object({}), response: z.array(quarantinedRecordSchema) },
  /** Puts back the set-aside outbox records that read now; the others stay aside. */
  'outbox.restoreSetAside': {
    from: 'extension',
    request: z.object({}),
    response: z.object({ restored: z.int().check(z.nonnegative()), left: z.int().check(z.nonnegative()) }),
  },
  'chat.recall': {
    from: 'content',
    request: unidentifiedChatSchema,
    response: z.object({ externalId: z.optional(externalIdSchema) }),
  },
  'chat.remember': {
    from: 'content',
    request: z.extend(unidentifiedChatSchema, { externalId: externalIdSchema }),
    response: z.object({ ok: z.literal(true) }),
  },
  'page.report': { from: 'content', request: pageStatusSchema, response: z.object({ ok: z.literal(true) }) },
  'page.status': {
    from: 'extension',
    request: z.object({ tabId: z.int().check(z.nonnegative()) }),
    response: z.nullable(pageStatusSchema),
  },
  'sites.list': { from: 'extension', request: z.object({}), response: addedSitesSchema },
  /** The host permission is asked for by the page, in the manager's click; the background only registers what was granted. */
  'sites.add': {
    from: 'extension',
    request: z.extend(addedSiteSchema, { tabId: z.optional(z.int().check(z.nonnegative())) }),
    response: z.discriminatedUnion('ok', [
      z.object({ ok: z.literal(true), sites: addedSitesSchema }),
      z.object({ ok: z.literal(false), reason: z.enum(['permission_missing', 'built_in']) }),
    ]),
  },
  'sites.remove': {
    from: 'extension',
    request: z.object({ host: addedSiteSchema.shape.host }),
    response: addedSitesSchema,
  },
  /** Answered for the sender's own page: which added site it is, so the content script picks its adapter. */
  'sites.forPage': {
    from: 'content',
    request: z.object({}),
    response: z.object({ site: z.optional(addedSiteSchema) }),
  },
  'settings.get': { from: 'content', request: z.object({}), response: settingsSchema },
  /** The currencies of the manager's last saved deposits, latest first: the currency picker offers them first. */
  'currencies.recent': { from: 'content', request: z.object({}), response: recentCurrenciesSchema },
  'settings.save': { from: 'extension', request: settingsSchema, response: settingsSchema },
  /** The team's settings (the first-message pattern); empty when signed out or the platform has none to give. */
  'team.settings': { from: 'content', request: z.object({}), response: teamSettingsSchema },
  /** Links the open contact to a click id the manager typed or accepted: only the click id leaves the page. */
  'contact.linkClickId': {
    from: 'content',
    request: linkClickIdRequestSchema,
    response: z.discriminatedUnion('status', [
      z.object({ status: z.literal('linked'), contact: contactSchema }),
      z.object({ status: z.literal('signedOut') }),
      z.object({ status: z.literal('error'), error: apiErrorSchema }),
    ]),
  },
} as const satisfies Record<string, { from: 'content' | 'extension'; request: z.ZodMiniType; response: z.ZodMiniType }>;

export type MessageName = keyof typeof messages;
export type MessageRequest<N extends MessageName> = z.input<(typeof messages)[N]['request']>;
export type MessageResponse<N extends MessageName> = z.output<(typeof messages)[N]['response']>;

/** The envelope on the wire; replies carry either data or a refusal. */
export const envelopeSchema = z.object({ name: z.string(), payload: z.unknown() });
export const replySchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), data: z.unknown() }),
  z.object({ ok: z.literal(false), error: apiErrorSchema }),
]);
export type Reply = z.infer<typeof replySchema>;
