import { z } from 'zod/mini';
import { parseAmount, type AmountLanguage } from './amount';
import { eventTypeSchema, NOTE_MAX_LENGTH } from './api';
import { currencyCodeSchema } from './currency';

/** What the Send event form holds while the manager types: raw text, validated on Save. */
export const eventFormValuesSchema = z.object({
  type: eventTypeSchema,
  amount: z.string(),
  currency: z.string(),
  note: z.string(),
});
export type EventFormValues = z.infer<typeof eventFormValuesSchema>;

/**
 * Turns the form into the event fields the contract wants, reading the amount in the panel's language; every problem
 * names the field it belongs to.
 */
const formSchemaIn = (language: AmountLanguage) =>
  z.pipe(
    eventFormValuesSchema,
    z.transform((form: EventFormValues, ctx) => {
      const note = form.note.trim();
      if (note.length > NOTE_MAX_LENGTH) {
        ctx.issues.push({
          code: 'custom',
          path: ['note'],
          message: `The note is longer than ${NOTE_MAX_LENGTH} characters`,
          input: form,
        });
      }
      const base = { type: form.type, ...(note ? { note } : {}) };
      if (form.type === 'registration') return base;
      const currency = currencyCodeSchema.safeParse(form.currency.trim().toUpperCase());
      if (!currency.success) {
        const message = form.currency.trim() ? 'Unknown currency' : 'Choose a currency';
        ctx.issues.push({ code: 'custom', path: ['currency'], message, input: form });
        return z.NEVER;
      }
      const amount = parseAmount(form.amount, currency.data, language);
      if (!amount.ok) {
        const params =
          amount.rule === 'ambiguous' ? { rule: amount.rule, readings: amount.readings } : { rule: amount.rule };
        ctx.issues.push({ code: 'custom', path: ['amount'], message: amount.message, params, input: form });
        return z.NEVER;
      }
      return { ...base, amount: amount.value, currency: currency.data };
    }),
  );
const FORM_SCHEMAS = { en: formSchemaIn('en'), ru: formSchemaIn('ru') } satisfies Record<AmountLanguage, unknown>;

/** The form's schema for the panel's language (made once per language: the preview parses the form on every key). */
export const eventFormSchemaIn = (language: AmountLanguage) => FORM_SCHEMAS[language];
export type EventFormOutput = z.infer<ReturnType<typeof eventFormSchemaIn>>;

/** Field → first message, for showing errors next to their fields. */
export function fieldErrors(error: z.core.$ZodError): Partial<Record<string, string>> {
  const errors: Partial<Record<string, string>> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form');
    errors[field] ??= issue.message;
  }
  return errors;
}
