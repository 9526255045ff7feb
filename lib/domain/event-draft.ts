import {
  eventTypeSchema,
  eventFormSchemaIn,
  MAX_INTEGER_DIGITS,
  minorUnitsOf,
  NOTE_MAX_LENGTH,
  type AmountLanguage,
  type AmountRule,
  type ContactRef,
  type EventFormOutput,
  type EventFormValues,
  type EventType,
  type TrackerEventInput,
} from '../schemas';

/** The event types the form offers, in the order the contract lists them. */
export const EVENT_TYPES = eventTypeSchema.options;

export type FormField = keyof EventFormValues;
/** A problem the form's own check found, by its rule, for the UI to say in its language. */
export type FormProblem =
  | { rule: `amount.${Exclude<AmountRule, 'too_many_decimals' | 'too_large' | 'ambiguous'>}` }
  | { rule: 'amount.ambiguous'; readings: readonly [string, string] }
  | { rule: 'amount.too_many_decimals'; currency: string; decimals: number }
  | { rule: 'amount.too_large'; digits: number }
  | { rule: 'currency.unknown' | 'currency.missing' | 'form.check' | 'form.changed' }
  | { rule: 'note.too_long'; max: number };
/** The form's own problem, or the background's or the platform's words (which come in English). */
export type FieldError = FormProblem | string;
/** Messages at their field; `form` holds what belongs to no field (the background unreachable, say). */
export type FormErrors = Partial<Record<FormField | 'form', FieldError>>;

/** The Send event form of one contact, kept while the manager switches chats. */
export interface EventDraft {
  values: EventFormValues;
  /** Until the manager picks a type, the type follows what the contact's history proposes. */
  typeChosen: boolean;
  errors: FormErrors;
  saving: boolean;
  /**
   * The id and time of a Save the background may have stored without its answer reaching the panel (the worker
   * stopped mid-reply): pressing Save again on the same values sends the same id, which the outbox and the platform
   * store once. Editing the form makes it another event, with a new id.
   */
  pending?: { id: string; occurredAt: string };
}

export function blankDraft(type: EventType, currency: string): EventDraft {
  return { values: { type, amount: '', currency, note: '' }, typeChosen: false, errors: {}, saving: false };
}

export function editDraft(draft: EventDraft, patch: Partial<EventFormValues>): EventDraft {
  const errors = { ...draft.errors };
  delete errors.form;
  for (const field of Object.keys(patch) as FormField[]) delete errors[field];
  const values = { ...draft.values, ...patch };
  return { ...draft, values, typeChosen: draft.typeChosen || 'type' in patch, errors, pending: undefined };
}

const FORM_FIELDS: readonly string[] = ['type', 'amount', 'currency', 'note'] satisfies FormField[];

/** Field messages keyed by path (`amount`, `contact.displayName`): the form's own fields at the field, the rest above. */
export function errorsAtFields(fields: Partial<Record<string, string>>, fallback: string): FormErrors {
  const errors: FormErrors = {};
  const elsewhere: string[] = [];
  for (const [path, message] of Object.entries(fields)) {
    if (message === undefined) continue;
    const field = path.split('.')[0] ?? '';
    if (FORM_FIELDS.includes(field)) errors[field as FormField] ??= message;
    else elsewhere.push(message);
  }
  if (elsewhere.length > 0 || Object.keys(errors).length === 0) errors.form = elsewhere.join(' ') || fallback;
  return errors;
}

/** The chat's contact as the contract takes it; a display name longer than the platform keeps is cut, never refused. */
function eventContact(contact: ContactRef): ContactRef {
  const { channel, externalId, displayName, username } = contact;
  return {
    channel,
    externalId,
    ...(displayName ? { displayName: displayName.slice(0, 256) } : {}),
    ...(username ? { username } : {}),
  };
}

type FormIssue = { path: readonly PropertyKey[]; message: string; code: string; params?: Record<string, unknown> };

function amountProblem(rule: AmountRule, currency: string, params: Record<string, unknown> | undefined): FormProblem {
  if (rule === 'ambiguous') return { rule: 'amount.ambiguous', readings: params?.readings as [string, string] };
  if (rule === 'too_many_decimals')
    return { rule: 'amount.too_many_decimals', currency, decimals: minorUnitsOf(currency) ?? 2 };
  if (rule === 'too_large') return { rule: 'amount.too_large', digits: MAX_INTEGER_DIGITS };
  return { rule: `amount.${rule}` };
}

/** Which rule an issue of the form schema broke; anything else keeps the schema's own words. */
function problemOf(issue: FormIssue, values: EventFormValues): FieldError {
  const field = issue.path[0];
  if (issue.code !== 'custom') return issue.message;
  const rule = issue.params?.rule;
  if (field === 'amount' && typeof rule === 'string')
    return amountProblem(rule as AmountRule, values.currency.trim().toUpperCase(), issue.params);
  if (field === 'currency') return { rule: values.currency.trim() ? 'currency.unknown' : 'currency.missing' };
  if (field === 'note') return { rule: 'note.too_long', max: NOTE_MAX_LENGTH };
  return issue.message;
}

function problemsAtFields(issues: readonly FormIssue[], values: EventFormValues): FormErrors {
  const errors: FormErrors = {};
  for (const issue of issues) {
    const field = String(issue.path[0] ?? '');
    const at: FormField | 'form' = FORM_FIELDS.includes(field) ? (field as FormField) : 'form';
    errors[at] ??= problemOf(issue, values);
  }
  return Object.keys(errors).length > 0 ? errors : { form: { rule: 'form.check' } };
}

export type BuiltEvent = { ok: true; event: TrackerEventInput } | { ok: false; errors: FormErrors };

export type ReadForm = { ok: true; fields: EventFormOutput } | { ok: false; errors: FormErrors };

/**
 * The event fields the form holds, read in the panel's language: what the preview beside Save shows while the manager
 * types, and exactly what Save sends.
 */
export function readForm(values: EventFormValues, language: AmountLanguage): ReadForm {
  const parsed = eventFormSchemaIn(language).safeParse(values);
  return parsed.success
    ? { ok: true, fields: parsed.data }
    : { ok: false, errors: problemsAtFields(parsed.error.issues, values) };
}

/** Validates the form; the id and time are taken only when it is valid, as the moment Save was pressed. */
export function buildEvent(
  values: EventFormValues,
  language: AmountLanguage,
  contact: ContactRef,
  newId: () => string,
  now: () => Date,
): BuiltEvent {
  const read = readForm(values, language);
  if (!read.ok) return read;
  return {
    ok: true,
    event: { id: newId(), ...read.fields, contact: eventContact(contact), occurredAt: now().toISOString() },
  };
}
