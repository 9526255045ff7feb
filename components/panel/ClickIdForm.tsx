import { useState, type FormEvent } from 'react';
import { TextField } from '../fields/TextField';
import { useText } from '../i18n/text';
import { clickIdProblemText } from './clickIdProblemText';
import { usePanel } from './usePanel';

/** The manager types the lead's click id (or corrects the one linked); it is checked before anything is sent. */
export function ClickIdForm({ initial = '', onDone }: { initial?: string; onDone?: () => void }) {
  const t = useText();
  const link = usePanel((state) => state.clickIdLink);
  const linkClickId = usePanel((state) => state.linkClickId);
  const [typed, setTyped] = useState(initial);
  const error = link.problem?.from === 'typed' ? clickIdProblemText(t, link.problem.problem) : undefined;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await linkClickId(typed)) onDone?.();
  };

  return (
    <form className="td-identify" onSubmit={submit} noValidate>
      <TextField label={t('clickId.label')} value={typed} onChange={setTyped} error={error} autoComplete="off" />
      <div className="td-actions">
        <button type="submit" className="td-button td-button-primary" disabled={link.saving}>
          {t('clickId.link')}
        </button>
        {onDone && (
          <button type="button" className="td-button" onClick={onDone}>
            {t('clickId.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
