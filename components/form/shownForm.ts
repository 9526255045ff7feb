import type { EventFormValues } from '../../lib/schemas';

const FIELDS = ['type', 'amount', 'currency', 'note'] as const satisfies readonly (keyof EventFormValues)[];

function shownValue(form: HTMLFormElement, name: string): string | undefined {
  const field = form.elements.namedItem(name);
  if (
    field instanceof RadioNodeList ||
    field instanceof HTMLInputElement ||
    field instanceof HTMLSelectElement ||
    field instanceof HTMLTextAreaElement
  ) {
    return field.value;
  }
  return undefined;
}

/**
 * Whether the page shows in each field of the form what the store holds. The panel lives in a shadow root that page
 * scripts (and other extensions' content scripts) can reach: a script can write into a field without any event the
 * store hears, and the manager would then see one amount while another is sent.
 */
export function formShows(form: HTMLFormElement, values: EventFormValues): boolean {
  return FIELDS.every((field) => {
    const shown = shownValue(form, field);
    return shown === undefined || shown === values[field];
  });
}
