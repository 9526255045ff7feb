import { useRef, useState, type FormEvent, type MouseEvent } from 'react';
import { TextField } from '../fields/TextField';
import { useText } from '../i18n/text';
import { usePanel } from './usePanel';

/**
 * The form is never submitted: a page script can call `requestSubmit()` on it, and the submit event that makes is
 * trusted. Only the button's click acts, which is the manager's (a script's click is stopped at the shadow root), and
 * Enter in the field clicks it.
 */
const neverSubmit = (event: FormEvent) => event.preventDefault();

/** For a chat the page does not identify: the manager names the lead once, and the panel remembers it for this chat. */
export function IdentifyChat() {
  const t = useText();
  const chat = usePanel((state) => state.unidentified);
  const error = usePanel((state) => state.identifyError);
  const identify = usePanel((state) => state.identify);
  const [typed, setTyped] = useState('');
  const [saving, setSaving] = useState(false);
  /** How many times in a row the field showed other than what was typed; each refusal draws it again. */
  const [refusals, setRefusals] = useState(0);
  const form = useRef<HTMLFormElement>(null);
  if (!chat) return null;

  const use = async (event: MouseEvent) => {
    event.preventDefault();
    if (saving) return;
    // What the field shows must be what was typed: a script may have written into it without the manager. Saying
    // so draws the field again, from what was typed.
    const field = form.current?.elements.namedItem('lead');
    if (!(field instanceof HTMLInputElement) || field.value !== typed) {
      setRefusals((count) => count + 1);
      return;
    }
    setRefusals(0);
    setSaving(true);
    if (await identify(typed)) setTyped('');
    setSaving(false);
  };

  const edit = (value: string) => {
    setRefusals(0);
    setTyped(value);
  };

  return (
    <form ref={form} className="td-identify" onSubmit={neverSubmit} noValidate>
      {chat.displayName && <p className="td-identify-chat">{chat.displayName}</p>}
      <p className="td-muted">{t(`identify.hint.${chat.channel}`)}</p>
      <TextField
        label={t('identify.label')}
        name="lead"
        value={typed}
        onChange={edit}
        error={
          refusals > 0
            ? t('problem.form.changed')
            : typeof error === 'object'
              ? t(`identify.problem.${error.rule}`, error)
              : error
        }
        autoComplete="off"
      />
      <button type="submit" className="td-button td-button-primary" disabled={saving} onClick={use}>
        {t('identify.use')}
      </button>
    </form>
  );
}
