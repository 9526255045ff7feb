import { useId, type Ref } from 'react';
import type { EventType } from '../../lib/schemas';
import { EVENT_TYPES } from '../../lib/domain/event-draft';
import { useText } from '../i18n/text';
import { FieldMessage } from '../fields/FieldMessage';

export interface EventTypeFieldProps {
  value: EventType;
  onChange: (type: EventType) => void;
  error?: string;
  /** Given to the checked radio: the field that takes focus when the form opens. */
  checkedRef?: Ref<HTMLInputElement>;
}

/** Registration, Deposit or Redeposit, as one radio group. */
export function EventTypeField({ value, onChange, error, checkedRef }: EventTypeFieldProps) {
  const t = useText();
  const id = useId();
  return (
    <fieldset
      className="td-choice"
      role="radiogroup"
      aria-labelledby={`${id}-legend`}
      aria-invalid={error ? true : undefined}
      aria-describedby={error ? `${id}-error` : undefined}
    >
      <legend id={`${id}-legend`}>{t('form.eventType')}</legend>
      {EVENT_TYPES.map((type) => (
        <label key={type} className="td-choice-option">
          <input
            type="radio"
            name="type"
            value={type}
            checked={value === type}
            ref={value === type ? checkedRef : undefined}
            onChange={() => onChange(type)}
          />
          {t(`eventType.${type}`)}
        </label>
      ))}
      <FieldMessage id={`${id}-error`} text={error} kind="error" />
    </fieldset>
  );
}
