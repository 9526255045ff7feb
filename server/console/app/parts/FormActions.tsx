import { useText } from '../i18n/text';
import { ProblemAlert } from './ProblemAlert';

/** The foot every console form shares: what went wrong, then submit (held while busy) and cancel. */
export function FormActions({
  problem,
  busy,
  submit,
  onCancel,
}: {
  problem: string;
  busy: boolean;
  submit: string;
  onCancel(): void;
}) {
  const t = useText();
  return (
    <>
      <ProblemAlert problem={problem} />
      <div className="actions">
        <button type="submit" disabled={busy}>
          {submit}
        </button>
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </>
  );
}
