import { useState, type FormEvent } from 'react';
import { TextField } from '../fields/TextField';
import { useText } from '../i18n/text';
import { usePanel } from './usePanel';

/** For a chat the page does not identify: the manager names the lead once, and the panel remembers it for this chat. */
export function IdentifyChat() {
  const t = useText();
  const chat = usePanel((state) => state.unidentified);
  const error = usePanel((state) => state.identifyError);
  const identify = usePanel((state) => state.identify);
  const [typed, setTyped] = useState('');
  const [saving, setSaving] = useState(false);
  if (!chat) return null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    setSaving(true);
    if (await identify(typed)) setTyped('');
    setSaving(false);
  };

  return (
    <form className="td-identify" onSubmit={submit} noValidate>
      {chat.displayName && <p className="td-identify-chat">{chat.displayName}</p>}
      <p className="td-muted">{t(`identify.hint.${chat.channel}`)}</p>
      <TextField label={t('identify.label')} value={typed} onChange={setTyped} error={error} autoComplete="off" />
      <button type="submit" className="td-button td-button-primary" disabled={saving}>
        {t('identify.use')}
      </button>
    </form>
  );
}
