export type TextValues = Readonly<Record<string, string | number>>;

/** The text with its `{name}` placeholders filled in from `values`; one without a value is left as it is. */
export function fillPlaceholders(text: string, values: TextValues = {}): string {
  return text.replace(/\{(\w+)\}/g, (placeholder, name: string) =>
    Object.hasOwn(values, name) ? String(values[name]) : placeholder,
  );
}
