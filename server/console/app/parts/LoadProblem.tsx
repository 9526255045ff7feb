import { useText } from '../i18n/text';

export function LoadProblem({ message, retry }: { message: string; retry(): void }) {
  const t = useText();
  return (
    <div role="alert" className="problem">
      <p>{t('common.loadFailed', { message })}</p>
      <button type="button" onClick={retry}>
        {t('common.retry')}
      </button>
    </div>
  );
}
