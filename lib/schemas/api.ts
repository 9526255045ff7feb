import { z } from 'zod/mini';
import { CANONICAL_AMOUNT, MAX_INTEGER_DIGITS } from './amount';
import { currencyCodeSchema, minorUnitsOf } from './currency';
import { deliverySchema } from './delivery';
import { atMostChars } from './lengths';

/** Bodies of Tracker API v1 (docs/tracker-api.md). */

export const channelSchema = z.enum(['telegram', 'whatsapp', 'web']);
export type Channel = z.infer<typeof channelSchema>;

/** The longest contact id the platform keeps. */
export const EXTERNAL_ID_MAX_LENGTH = 128;

export const externalIdSchema = z
  .string()
  .check(
    z.minLength(1, 'The contact id is empty'),
    z.maxLength(EXTERNAL_ID_MAX_LENGTH, `The contact id is longer than ${EXTERNAL_ID_MAX_LENGTH} characters`),
  );

export const contactKeySchema = z.object({ channel: channelSchema, externalId: externalIdSchema });
export type ContactKey = z.infer<typeof contactKeySchema>;

export const contactRefSchema = z.extend(contactKeySchema, {
  displayName: z.optional(z.string().check(atMostChars(256))),
  username: z.optional(z.string().check(atMostChars(64))),
});
export type ContactRef = z.infer<typeof contactRefSchema>;

export const trackerDataSchema = z.catchall(
  z.object({
    clickId: z.optional(z.string()),
    subId: z.optional(z.string()),
    source: z.optional(z.string()),
    campaign: z.optional(z.string()),
  }),
  z.optional(z.string()),
);

export const contactSchema = z.extend(contactRefSchema, { trackerData: trackerDataSchema });
export type Contact = z.infer<typeof contactSchema>;

export const eventTypeSchema = z.enum(['registration', 'deposit', 'redeposit']);
export type EventType = z.infer<typeof eventTypeSchema>;

export const NOTE_MAX_LENGTH = 500;

/** The fields of an event as the platform echoes them; the rules between them are in `trackerEventInputSchema`. */
const eventFieldsSchema = z.object({
  id: z.uuid({ version: 'v4', message: 'The event id must be a UUID v4' }),
  type: eventTypeSchema,
  contact: contactRefSchema,
  amount: z.optional(z.string()),
  currency: z.optional(z.string()),
  occurredAt: z.iso.datetime({ message: 'occurredAt must be an ISO 8601 UTC time' }),
  note: z.optional(
    z.string().check(z.maxLength(NOTE_MAX_LENGTH, `The note is longer than ${NOTE_MAX_LENGTH} characters`)),
  ),
});

/** What the extension posts: amount and currency rules of the contract enforced across fields. */
export const trackerEventInputSchema = eventFieldsSchema.check(
  z.superRefine((event, ctx) => {
    const isDeposit = event.type !== 'registration';
    if (!isDeposit) {
      if (event.amount !== undefined)
        ctx.addIssue({ code: 'custom', path: ['amount'], message: 'A registration has no amount' });
      if (event.currency !== undefined)
        ctx.addIssue({ code: 'custom', path: ['currency'], message: 'A registration has no currency' });
      return;
    }
    if (event.amount === undefined) ctx.addIssue({ code: 'custom', path: ['amount'], message: 'Enter an amount' });
    if (event.currency === undefined) {
      ctx.addIssue({ code: 'custom', path: ['currency'], message: 'Choose a currency' });
      return;
    }
    const currency = currencyCodeSchema.safeParse(event.currency);
    if (!currency.success) {
      ctx.addIssue({
        code: 'custom',
        path: ['currency'],
        message: currency.error.issues[0]?.message ?? 'Unknown currency',
      });
      return;
    }
    if (event.amount !== undefined) {
      const problem = amountProblem(event.amount, event.currency);
      if (problem) ctx.addIssue({ code: 'custom', path: ['amount'], message: problem });
    }
  }),
);
export type TrackerEventInput = z.infer<typeof trackerEventInputSchema>;

function amountProblem(amount: string, currency: string): string | undefined {
  if (!CANONICAL_AMOUNT.test(amount)) return 'The amount must be a decimal string like 1234.5';
  const [integer = '', fraction = ''] = amount.split('.');
  if (integer.length > MAX_INTEGER_DIGITS) return `At most ${MAX_INTEGER_DIGITS} digits before the decimal point`;
  if (fraction.length > (minorUnitsOf(currency) ?? 0)) return `Too many decimals for ${currency}`;
  if (/^0(\.0*)?$/.test(amount)) return 'The amount must be greater than zero';
  return undefined;
}

export const eventStatusSchema = z.enum(['accepted', 'forwarded', 'rejected']);
export const eventSourceSchema = z.enum(['manual', 'flow', 'postback']);

export const trackerEventSchema = z.extend(eventFieldsSchema, {
  status: eventStatusSchema,
  receivedAt: z.iso.datetime(),
  source: eventSourceSchema,
  stepName: z.optional(z.string()),
  operatorId: z.optional(z.string()),
  /** Where the event went, one per destination; absent from a platform that forwards nothing itself. */
  deliveries: z.optional(z.array(deliverySchema)),
});
export type TrackerEvent = z.infer<typeof trackerEventSchema>;

export const operatorSchema = z.object({ id: z.string(), name: z.string(), email: z.string() });
export type Operator = z.infer<typeof operatorSchema>;

export const loginRequestSchema = z.object({
  email: z.email('Enter a valid email address'),
  password: z.string().check(z.minLength(1, 'Enter your password')),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const refreshRequestSchema = z.object({ refreshToken: z.string().check(z.minLength(1)) });

export const sessionSchema = z.object({
  accessToken: z.string().check(z.minLength(1)),
  refreshToken: z.string().check(z.minLength(1)),
  expiresIn: z.number().check(z.positive()),
  operator: operatorSchema,
});
export type Session = z.infer<typeof sessionSchema>;

export const contactLookupResponseSchema = z.object({
  contact: contactSchema,
  events: z.array(trackerEventSchema).check(z.maxLength(50)),
});
export type ContactLookupResponse = z.infer<typeof contactLookupResponseSchema>;

export const eventResponseSchema = z.object({ event: trackerEventSchema });

/** `GET /api/v1/events?delivery=failed`: the signed-in operator's events a tracker refused or the server gave up on. */
export const FAILED_DELIVERIES_MAX = 50;
export const failedDeliveriesResponseSchema = z.object({
  events: z.array(trackerEventSchema).check(z.maxLength(FAILED_DELIVERIES_MAX)),
});
export type FailedDeliveriesResponse = z.infer<typeof failedDeliveriesResponseSchema>;

export const apiErrorCodeSchema = z.string();
export const apiErrorSchema = z.object({
  code: apiErrorCodeSchema,
  message: z.string(),
  fields: z.optional(z.record(z.string(), z.string())),
});
export type ApiError = z.infer<typeof apiErrorSchema>;
export const errorBodySchema = z.object({ error: apiErrorSchema });
