/** A hint or an error under a field; the field points at it with aria-describedby. */
export function FieldMessage({ id, text, kind }: { id: string; text: string | undefined; kind: 'hint' | 'error' }) {
  if (!text) return null;
  return (
    <p id={id} className={`td-field-${kind}`}>
      {text}
    </p>
  );
}
