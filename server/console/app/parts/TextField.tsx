/** A labelled text input or textarea with its hint and its problem tied to it for screen readers. */
export function TextField(props: {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  problem?: string;
  hint?: string;
  type?: string;
  autoComplete?: string;
  multiline?: boolean;
}) {
  const described = [props.problem ? `${props.id}-problem` : '', props.hint ? `${props.id}-hint` : '']
    .filter(Boolean)
    .join(' ');
  const common = {
    id: props.id,
    value: props.value,
    'aria-invalid': props.problem ? true : undefined,
    'aria-describedby': described || undefined,
    spellCheck: false,
  };
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      {props.multiline ? (
        <textarea {...common} rows={4} onChange={(event) => props.onChange(event.target.value)} />
      ) : (
        <input
          {...common}
          type={props.type ?? 'text'}
          autoComplete={props.autoComplete}
          onChange={(event) => props.onChange(event.target.value)}
        />
      )}
      {props.hint && (
        <p id={`${props.id}-hint`} className="hint">
          {props.hint}
        </p>
      )}
      {props.problem && (
        <p id={`${props.id}-problem`} className="problem-text">
          {props.problem}
        </p>
      )}
    </div>
  );
}
