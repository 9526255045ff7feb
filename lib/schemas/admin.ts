import { z } from 'zod/mini';
import { atMostChars } from './lengths';

/** Bodies of the server's admin API (docs/server.md): an admin's bearer token; a manager gets 403. */

export const operatorRoleSchema = z.enum(['admin', 'manager']);
export type OperatorRole = z.infer<typeof operatorRoleSchema>;

/** NIST SP 800-63B: at least 8 characters, and long passphrases allowed; the upper bound only keeps hashing bounded. */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 256;

export const createOperatorRequestSchema = z.object({
  email: z.email('Enter a valid email address').check(z.maxLength(254, 'An email address has at most 254 characters')),
  name: z.string().check(z.trim(), z.minLength(1, 'Enter a name'), atMostChars(256)),
  password: z
    .string()
    .check(
      z.minLength(PASSWORD_MIN_LENGTH, `A password has at least ${PASSWORD_MIN_LENGTH} characters`),
      z.maxLength(PASSWORD_MAX_LENGTH, `A password has at most ${PASSWORD_MAX_LENGTH} characters`),
    ),
  role: operatorRoleSchema,
});
export type CreateOperatorRequest = z.infer<typeof createOperatorRequestSchema>;

export const adminOperatorSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: operatorRoleSchema,
  createdAt: z.iso.datetime(),
});
export type AdminOperator = z.infer<typeof adminOperatorSchema>;

export const operatorResponseSchema = z.object({ operator: adminOperatorSchema });
export const operatorsResponseSchema = z.object({ operators: z.array(adminOperatorSchema) });

export const auditActionSchema = z.string();

export const auditEntrySchema = z.object({
  id: z.string(),
  at: z.iso.datetime(),
  action: auditActionSchema,
  operatorId: z.optional(z.string()),
  target: z.optional(z.string()),
  details: z.optional(z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]))),
  clientAddress: z.optional(z.string()),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const AUDIT_PAGE_MAX = 200;

/** `GET /api/v1/admin/audit?limit=&before=&action=`: newest first; `before` is the `next` of the previous page. */
export const auditQuerySchema = z.object({
  limit: z.optional(z.coerce.number().check(z.int(), z.gte(1), z.lte(AUDIT_PAGE_MAX))),
  before: z.optional(z.coerce.number().check(z.int(), z.nonnegative())),
  action: z.optional(z.string().check(z.maxLength(64))),
});

export const auditResponseSchema = z.object({ entries: z.array(auditEntrySchema), next: z.optional(z.number()) });
export type AuditResponse = z.infer<typeof auditResponseSchema>;
