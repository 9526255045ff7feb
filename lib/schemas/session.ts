import { z } from 'zod/mini';
import { operatorSchema } from './api';

/** What the UI may know of the session: who is signed in, never a token. */
export const sessionSummarySchema = z.discriminatedUnion('signedIn', [
  z.object({ signedIn: z.literal(true), operator: operatorSchema }),
  z.object({
    signedIn: z.literal(false),
    /** Set when the platform ended the session (refresh refused), as opposed to signing out or never signing in. */
    expired: z.optional(z.boolean()),
  }),
]);
export type SessionSummary = z.infer<typeof sessionSummarySchema>;
