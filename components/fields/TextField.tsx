import { useId, type InputHTMLAttributes, type Ref } from 'react';
import { describedBy } from './describedBy';
import { FieldMessage } from './FieldMessage';

export interface TextFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  hint?: string;
  type?: 'text' | 'email' | 'password' | 'url';
  inputMode?: InputHTMLAttributes<HTMLInputElement>['inputMode'];
  autoComplete?: string;
  multiline?: boolean;
  /** The field's name in its form, by which the form reads what the page shows in it. */
  name?: string;
  /** The input itself, for a form that moves focus into it. */
  inputRef?: Ref<HTMLInputElement>;
}

/** A labelled text input (or textarea) with its hint and error tied to it for screen readers. */
export function TextField({
  label,
  value,
  onChange,
  error,
  hint,
  type = 'text',
  inputMode,
  autoComplete,
  multiline,
  name,
  inputRef,
}: TextFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const shared = {
    id,
    name,
    value,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy(hint && hintId, error && errorId),
  };
  return (
    <div className="td-field">
      <label htmlFor={id}>{label}</label>
      {multiline ? (
        <textarea {...shared} rows={3} onChange={(event) => onChange(event.target.value)} />
      ) : (
        <input
          {...shared}
          ref={inputRef}
          type={type}
          inputMode={inputMode}
          autoComplete={autoComplete}
          spellCheck={false}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
      <FieldMessage id={hintId} text={hint} kind="hint" />
      <FieldMessage id={errorId} text={error} kind="error" />
    </div>
  );
}
