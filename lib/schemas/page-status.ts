import { z } from 'zod/mini';
import { atMostChars } from './lengths';

/** How the extension is doing on one tab's chat app, for the popup to tell the manager. */
export const pageStatusSchema = z.object({
  /** The site adapter's label, e.g. `WhatsApp Web`. */
  site: z.string().check(atMostChars(64)),
  /** Where the Tracker Data button is: in the chat header, floating because the header was not found, or in the
   * corner of a page the manager added, which has no chat header. */
  mount: z.enum(['header', 'floating', 'corner']),
  /** Whether the open chat's contact was read from the page, asked of the manager, or there is no chat open. */
  contact: z.enum(['read', 'asked', 'none']),
});
export type PageStatus = z.infer<typeof pageStatusSchema>;
