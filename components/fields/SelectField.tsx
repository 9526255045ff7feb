import { useId } from 'react';
import { describedBy } from './describedBy';
import { FieldMessage } from './FieldMessage';

export interface SelectFieldProps {
  label: string;
  value: string;
  options: readonly string[];
  /** How an option is named; by default its value (a currency code). */
  optionLabel?: (option: string) => string;
  onChange: (value: string) => void;
  error?: string;
}

/** A labelled select; its options are shown as their values (currency codes) unless named otherwise. */
export function SelectField({
  label,
  value,
  options,
  optionLabel = (option) => option,
  onChange,
  error,
}: SelectFieldProps) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div className="td-field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(error && errorId)}
        onChange={(event) => onChange(event.target.value)}
      >
        {options.map((option) => (
          <option key={option} value={option}>
            {optionLabel(option)}
          </option>
        ))}
      </select>
      <FieldMessage id={errorId} text={error} kind="error" />
    </div>
  );
}
