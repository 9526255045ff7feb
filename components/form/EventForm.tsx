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

/**
 * Save, and Enter in a text field (which clicks the submit button), act on the button's click and cancel it, so the
 * form is never submitted: Chromium's autofill and password manager read every submitted form, this one in a
 * shadow root too, and that work (a forced layout in the page, messages the browser handles first) sat between the
 * click and the Save's message. The form keeps its submit button for Enter and for assistive technology; a submit
 * that still comes (a script's requestSubmit) must not navigate the chat away.
 */
const neverSubmit = (event: SyntheticEvent) => event.preventDefault();

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
    <form className="td-form" aria-labelledby={headingId} noValidate onSubmit={neverSubmit} onKeyDown={keys}>
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
        <button type="submit" className="td-button td-button-primary" disabled={saving} aria-busy={saving || undefined} onClick={submit}>
          {t('form.save')}
        </button>
        <button type="button" className="td-button" onClick={cancel}>
          {t('form.cancel')}
        </button>
      </div>
    </form>
  );
}
