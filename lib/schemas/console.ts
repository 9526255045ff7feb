import { z } from 'zod/mini';
import { adminEventSchema } from './admin-deliveries';
import { contactSchema, loginRequestSchema, operatorSchema } from './api';

/**
 * What the admin console sends and reads beyond server.md's table: its cookie session, and the admin answers that carry
 * more than the table names (last sign-in, intakes list and revoke, the first-message pattern, a lead's page). The
 * server validates and answers with these same schemas; destinations and events are admin-deliveries.ts's.
 */

export const roleSchema = z.enum(['manager', 'admin']);
export type Role = z.infer<typeof roleSchema>;

export const consoleOperatorSchema = z.extend(operatorSchema, { role: roleSchema });
export type ConsoleOperator = z.infer<typeof consoleOperatorSchema>;

/** `POST /console/api/session` takes the extension's login body. */
export const consoleLoginRequestSchema = loginRequestSchema;

/**
 * `POST /console/api/session` (200) and `GET /console/api/session` (200; 401 without a live session cookie). The token
 * goes back in `X-CSRF-Token` on every change; the console keeps it in memory only.
 */
export const consoleSessionSchema = z.object({
  operator: consoleOperatorSchema,
  csrfToken: z.string().check(z.minLength(1)),
});
export type ConsoleSession = z.infer<typeof consoleSessionSchema>;

export const CSRF_HEADER = 'x-csrf-token';

// Managers

/** `GET /api/v1/admin/operators` → `{ operators }`, each with when they last signed in and what they logged this week. */
export const adminOperatorSchema = z.extend(consoleOperatorSchema, {
  createdAt: z.optional(z.string()),
  /** ISO time of the last successful sign-in (extension or console); null when never. */
  lastSignInAt: z.nullable(z.string()),
  /** Events the operator logged since Monday 00:00 UTC of this week. */
  eventsThisWeek: z.number(),
});
export type AdminOperator = z.infer<typeof adminOperatorSchema>;
export const adminOperatorListSchema = z.object({ operators: z.array(adminOperatorSchema) });

export const FIRST_PASSWORD_LENGTH = 16;
export const newOperatorSchema = z.object({
  email: z.email('Enter a valid email address'),
  name: z.string().check(z.minLength(1, 'Enter a name'), z.maxLength(100, 'At most 100 characters')),
  password: z.string().check(z.minLength(12, 'At least 12 characters'), z.maxLength(200)),
  role: roleSchema,
});
export type NewOperator = z.infer<typeof newOperatorSchema>;
/** `POST /api/v1/admin/operators` → 201. */
export const operatorCreatedSchema = z.object({ operator: consoleOperatorSchema });

// Intakes

export const intakeKindSchema = z.enum(['links', 'flow', 'postbacks']);
export type IntakeKind = z.infer<typeof intakeKindSchema>;

export const newIntakeSchema = z.object({
  name: z.string().check(z.minLength(1, 'Enter a name'), z.maxLength(100, 'At most 100 characters')),
  kind: intakeKindSchema,
});
/** `POST /api/v1/admin/intakes` → 201: the only answer that carries the secret URL. */
export const intakeCreatedSchema = z.object({
  intake: z.object({ id: z.string(), name: z.string(), kind: intakeKindSchema, url: z.string() }),
});

/** `GET /api/v1/admin/intakes` → `{ intakes }`, never the secret. `DELETE /api/v1/admin/intakes/{id}` revokes (204). */
export const adminIntakeSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: intakeKindSchema,
  createdAt: z.string(),
  revokedAt: z.nullable(z.string()),
  lastCallAt: z.nullable(z.string()),
  /** The answer the last call got (200, 404, 422, …), with `lastCallAt`. */
  lastCallStatus: z.nullable(z.number()),
});
export type AdminIntake = z.infer<typeof adminIntakeSchema>;
export const adminIntakeListSchema = z.object({ intakes: z.array(adminIntakeSchema) });

/**
 * `GET`/`PUT /api/v1/admin/settings/first-message-pattern`: a regular expression with exactly one capture group (the
 * code) or null for none. PUT answers 200 with the saved value, or 422 with `fields.pattern` saying what is wrong.
 */
export const FIRST_MESSAGE_PATTERN_MAX = 200;
export const firstMessagePatternSchema = z.object({
  pattern: z.nullable(z.string().check(z.minLength(1), z.maxLength(FIRST_MESSAGE_PATTERN_MAX))),
});
export type FirstMessagePattern = z.infer<typeof firstMessagePatternSchema>;

// A lead's page

export const auditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  /** Who did it: an operator's email, "intake: <name>", or "server". */
  actor: z.string(),
  /** What was done, e.g. "contact.tracker_data.set", "event.logged", "delivery.retried". */
  action: z.string(),
  /** The changed values, secrets left out. */
  details: z.optional(z.record(z.string(), z.string())),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** `GET /api/v1/admin/contacts/{channel}/{externalId}`: the lead, every event of theirs from every source, its audit trail. */
export const adminLeadSchema = z.object({
  contact: contactSchema,
  events: z.array(adminEventSchema),
  audit: z.array(auditEntrySchema),
});
export type AdminLead = z.infer<typeof adminLeadSchema>;
