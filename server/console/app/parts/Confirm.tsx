import { useEffect, useRef } from 'react';
import { useText } from '../i18n/text';

/** An inline "are you sure" for what cannot be undone; focus goes to it, and Cancel brings the admin back. */
export function Confirm({
  question,
  confirm,
  onConfirm,
  onCancel,
}: {
  question: string;
  confirm: string;
  onConfirm(): void;
  onCancel(): void;
}) {
  const t = useText();
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div role="group" aria-label={question} className="confirm">
      <p>{question}</p>
      <button type="button" ref={ref} className="danger" onClick={onConfirm}>
        {confirm}
      </button>
      <button type="button" onClick={onCancel}>
        {t('common.cancel')}
      </button>
    </div>
  );
}
