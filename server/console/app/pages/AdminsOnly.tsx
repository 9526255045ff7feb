import { useText } from '../i18n/text';
import { useSession } from '../context';

export function AdminsOnly({ email }: { email: string }) {
  const t = useText();
  const { backToSignIn } = useSession();
  return (
    <main className="sign-in">
      <h1>{t('adminsOnly.heading')}</h1>
      <p>{t('adminsOnly.body', { email })}</p>
      <button type="button" onClick={backToSignIn}>
        {t('adminsOnly.back')}
      </button>
    </main>
  );
}
