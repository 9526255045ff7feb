import { Confirm } from './Confirm';

/**
 * A row's button for what cannot be undone: it turns into an inline Confirm while asking.
 * The table keeps which row is asking, so only one question is open at a time.
 */
export function ConfirmedAction({
  asking,
  label,
  question,
  confirm,
  onAsk,
  onConfirm,
  onCancel,
}: {
  asking: boolean;
  label: string;
  question: string;
  confirm: string;
  onAsk(): void;
  onConfirm(): void;
  onCancel(): void;
}) {
  return asking ? (
    <Confirm question={question} confirm={confirm} onConfirm={onConfirm} onCancel={onCancel} />
  ) : (
    <button type="button" onClick={onAsk}>
      {label}
    </button>
  );
}
