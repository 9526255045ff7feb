import { z } from 'zod/mini';
import { firstMessagePatternSchema } from './first-message';

/**
 * `GET /api/v1/team-settings` → `200 { firstMessagePattern? }`: what the team's admin set for every manager. The server
 * stores the pattern only after linkPatternSchema (link-pattern.ts) has found it safe; the extension checks its shape
 * again and matches it only on bounded text, so a pattern it cannot use proposes nothing instead of breaking the panel.
 */
export const teamSettingsSchema = z.object({
  firstMessagePattern: z.optional(firstMessagePatternSchema),
});
export type TeamSettings = z.infer<typeof teamSettingsSchema>;
