import { useEffect, useId, useMemo, useRef, type KeyboardEvent, type SyntheticEvent } from 'react';
import type { EventDraft } from '../../lib/stores/event-draft';
import { TextField } from '../fields/TextField';
import { useText } from '../i18n/text';
import { usePanel } from '../panel/usePanel';
import { CurrencyField } from './CurrencyField';
import { EventTypeField } from './EventTypeField';
import { useErrorTexts } from './problemText';

export interface EventFormProps {
  draft: EventDraft;
  /** Whether to move focus into the form as it appears (the manager opened it; not when a draft comes back). */
  takeFocus: () => boolean;
  /** The form went away by the manager's hand (Save, Cancel, Escape): focus goes back to Send event. */
  onDone: () => void;
}

function savesOnEnter(target: EventTarget): boolean {
  return target instanceof HTMLSelectElement || (target instanceof HTMLInputElement && target.type === 'radio');
}

/** The Send event form of the open contact; its values live in the panel store as that contact's draft. */
export function EventForm({ draft, takeFocus, onDone }: EventFormProps) {
  const t = useText();
  const editForm = usePanel((state) => state.editForm);
  const closeForm = usePanel((state) => state.closeForm);
  const save = usePanel((state) => state.save);
  const defaultCurrency = usePanel((state) => state.defaultCurrency);
  const recentCurrencies = usePanel((state) => state.recentCurrencies);
  const firstCurrencies = useMemo(() => [defaultCurrency, ...recentCurrencies], [defaultCurrency, recentCurrencies]);
  const headingId = useId();
  const firstField = useRef<HTMLInputElement>(null);
  const { values, saving } = draft;
  const errors = useErrorTexts(t, draft.errors);
  const isDeposit = values.type !== 'registration';

  useEffect(() => {
    if (takeFocus()) firstField.current?.focus();
  }, [takeFocus]);

  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    if (await save()) onDone();
  };

  const cancel = () => {
    closeForm();
    onDone();
  };

  // A text field saves on Enter by itself; a radio or a select would not (Chromium on Linux opens the list instead),
  // so there Enter saves too. The key is the manager's own press, so this is as trusted as clicking Save.
  const keys = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      cancel();
    } else if (event.key === 'Enter' && savesOnEnter(event.target) && !saving) {
      void submit(event);
    }
  };

  return (
    <form className="td-form" aria-labelledby={headingId} noValidate onSubmit={submit} onKeyDown={keys}>
      <h3 id={headingId}>{t('form.heading')}</h3>
      <EventTypeField value={values.type} onChange={(type) => editForm({ type })} error={errors.type} checkedRef={firstField} />
      {isDeposit && (
        <div className="td-form-row">
          <TextField
            label={t('form.amount')}
            value={values.amount}
            onChange={(amount) => editForm({ amount })}
            inputMode="decimal"
            autoComplete="off"
            error={errors.amount}
          />
          <CurrencyField
            value={values.currency}
            first={firstCurrencies}
            onChange={(currency) => editForm({ currency })}
            error={errors.currency}
          />
        </div>
      )}
      <TextField
        label={t('form.note')}
        value={values.note}
        onChange={(note) => editForm({ note })}
        hint={t('form.noteHint')}
        error={errors.note}
        multiline
      />
      {errors.form && (
        <p className="td-form-error" role="alert">
          {errors.form}
        </p>
      )}
      <div className="td-actions">
        <button type="submit" className="td-button td-button-primary" disabled={saving} aria-busy={saving || undefined}>
          {t('form.save')}
        </button>
        <button type="button" className="td-button" onClick={cancel}>
          {t('form.cancel')}
        </button>
      </div>
    </form>
  );
}
