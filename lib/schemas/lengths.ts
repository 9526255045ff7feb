import { z } from 'zod/mini';

/**
 * Length limits of text the content script reads off the chat page and sends on, where a manager can meet a refusal.
 * zod/mini loads no locale, so they carry the message zod's English locale gave them.
 */
export const atLeastChars = (min: number) => z.minLength(min, `Too small: expected string to have >=${min} characters`);
export const atMostChars = (max: number) => z.maxLength(max, `Too big: expected string to have <=${max} characters`);
