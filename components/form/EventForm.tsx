import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type SyntheticEvent } from 'react';
import { readForm, type EventDraft } from '../../lib/domain/event-draft';
import { focusedIn } from '../focused';
import { TextField } from '../fields/TextField';
import { describeEvent } from '../format';
import { useLocale, useText } from '../i18n/text';
import { usePanel } from '../panel/usePanel';
import { CurrencyField } from './CurrencyField';
import { EventTypeField } from './EventTypeField';
import { fieldErrorText, useErrorTexts } from './problemText';
import { formShows } from './shownForm';

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
  const locale = useLocale();
  const contact = usePanel((state) => state.contact);
  const editForm = usePanel((state) => state.editForm);
  const closeForm = usePanel((state) => state.closeForm);
  const save = usePanel((state) => state.save);
  const refuseChangedForm = usePanel((state) => state.refuseChangedForm);
  const defaultCurrency = usePanel((state) => state.defaultCurrency);
  const recentCurrencies = usePanel((state) => state.recentCurrencies);
  const firstCurrencies = useMemo(() => [defaultCurrency, ...recentCurrencies], [defaultCurrency, recentCurrencies]);
  const headingId = useId();
  const previewId = useId();
  const form = useRef<HTMLFormElement>(null);
  const previewLine = useRef<HTMLParagraphElement>(null);
  const firstField = useRef<HTMLInputElement>(null);
  const amountField = useRef<HTMLInputElement>(null);
  /** Where the form put focus as it opened, while it is still there: the manager has not moved on. */
  const placedFocus = useRef<Element | null>(null);
  // Until the contact's history is known the proposed type may still change (to Redeposit, say).
  const proposalSettled = usePanel((state) => state.lookup.status !== 'idle' && state.lookup.status !== 'loading');
  const { values, saving } = draft;
  const errors = useErrorTexts(t, locale, draft.errors);
  const isDeposit = values.type !== 'registration';

  // What Save sends, read as it will be sent, while the manager types.
  const read = useMemo(() => readForm(values, locale), [values, locale]);
  const ambiguity =
    !read.ok && typeof read.errors.amount === 'object' && read.errors.amount.rule === 'amount.ambiguous'
      ? read.errors.amount
      : undefined;
  const amountError = errors.amount ?? fieldErrorText(t, locale, ambiguity);
  const contactName = contact ? (contact.displayName ?? contact.username ?? contact.externalId) : '';
  const preview = t('form.preview', {
    event: read.ok ? describeEvent(t, read.fields, locale) : t(`eventType.${values.type}`),
    contact: contactName,
  });

  // Each refusal draws the form anew from the store: a script may have rewritten any of its nodes, text included.
  const [drawing, setDrawing] = useState(0);

  // Focus goes where the manager types next: Amount for a deposit, else the event type. The proposed type may turn into
  // a deposit as the history arrives: Amount then takes focus, if the manager has not moved it meanwhile.
  const placeFocus = () => {
    const field = (isDeposit && amountField.current) || firstField.current;
    field?.focus();
    placedFocus.current = field;
  };
  useEffect(() => {
    if (takeFocus()) placeFocus();
    // Once, as the form shows: a later render's field must not pull focus from where the manager has put it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [takeFocus]);
  useEffect(() => {
    const placed = placedFocus.current;
    if (placed && isDeposit && !draft.typeChosen && focusedIn(placed) === placed && placed !== amountField.current)
      placeFocus();
    // Only when the proposal turns into a deposit: the manager's own choice of type never moves focus.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [isDeposit]);

  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    // Save stays enabled while saving (see the button): a second press meanwhile does nothing.
    if (saving) return;
    // What the page shows — each field, and the line beside Save — must be what the store holds and sends.
    const shown = form.current && formShows(form.current, values) && previewLine.current?.textContent === preview;
    if (!contact || !shown) {
      refuseChangedForm();
      setDrawing((count) => count + 1);
      return;
    }
    if (await save(locale, { values, contact })) onDone();
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
      return;
    }
    if (event.key !== 'Enter' || !savesOnEnter(event.target)) return;
    // Never the browser's own submit (see neverSubmit). On the event type, only once the type is the manager's choice
    // or the history's: an Enter pressed before the history arrived must not log a Registration for a lead whose next
    // payment is a Redeposit.
    event.preventDefault();
    if (!saving && (draft.typeChosen || proposalSettled)) void submit(event);
  };

  return (
    <form
      key={drawing}
      ref={form}
      className="td-form"
      aria-labelledby={headingId}
      noValidate
      onSubmit={neverSubmit}
      onKeyDown={keys}
    >
      <h3 id={headingId}>{t('form.heading')}</h3>
      <EventTypeField
        value={values.type}
        onChange={(type) => editForm({ type })}
        error={errors.type}
        checkedRef={firstField}
      />
      {isDeposit && (
        <div className="td-form-row">
          <TextField
            label={t('form.amount')}
            name="amount"
            value={values.amount}
            onChange={(amount) => editForm({ amount })}
            inputRef={amountField}
            inputMode="decimal"
            autoComplete="off"
            error={amountError}
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
        name="note"
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
      <p id={previewId} ref={previewLine} className="td-form-preview">
        {preview}
      </p>
      <div className="td-actions">
        {/* Busy, not disabled: a focused button that is disabled loses focus to the page, and a keyboard user who pressed
            Enter would have to find their place again. */}
        <button
          type="submit"
          className="td-button td-button-primary"
          aria-disabled={saving || undefined}
          aria-busy={saving || undefined}
          aria-describedby={previewId}
          onClick={submit}
        >
          {t('form.save')}
        </button>
        <button type="button" className="td-button" onClick={cancel}>
          {t('form.cancel')}
        </button>
      </div>
    </form>
  );
}
