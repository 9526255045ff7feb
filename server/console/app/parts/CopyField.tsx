import { useId, useState } from 'react';
import { useText } from '../i18n/text';

/** A value shown once (a secret URL, a first password): readable, selectable, and one button to copy it. */
export function CopyField({ label, value }: { label: string; value: string }) {
  const t = useText();
  const id = useId();
  const [copied, setCopied] = useState<'yes' | 'failed' | undefined>();
  const copy = () =>
    navigator.clipboard.writeText(value).then(
      () => setCopied('yes'),
      () => setCopied('failed'),
    );
  return (
    <div className="copy-field">
      <label htmlFor={id}>{label}</label>
      <div className="copy-row">
        <input id={id} readOnly value={value} onFocus={(event) => event.currentTarget.select()} spellCheck={false} />
        <button type="button" onClick={() => void copy()} aria-label={t('intakes.copyLabel', { what: label })}>
          {t('common.copy')}
        </button>
      </div>
      <p role="status" className="hint">
        {copied === 'yes' ? t('common.copied') : copied === 'failed' ? t('common.copyFailed') : ''}
      </p>
    </div>
  );
}
