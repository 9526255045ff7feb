import { useState, type FormEvent } from 'react';
import { useText } from '../i18n/text';
import { useSession } from '../context';

export function SignIn() {
  const t = useText();
  const { state, signIn } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const problem = state.phase === 'signedOut' ? state.problem : undefined;
  const busy = state.phase === 'signedOut' && state.busy;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void signIn(email.trim(), password);
  };
  const message =
    problem === 'wrong'
      ? t('signIn.wrong')
      : problem === 'throttled'
        ? t('signIn.throttled')
        : problem === 'ended'
          ? t('signIn.ended')
          : problem?.message;
  return (
    <main className="sign-in">
      <h1>{t('signIn.heading')}</h1>
      <form onSubmit={submit} aria-busy={busy}>
        <label htmlFor="sign-in-email">{t('signIn.email')}</label>
        <input
          id="sign-in-email"
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
        />
        <label htmlFor="sign-in-password">{t('signIn.password')}</label>
        <input
          id="sign-in-password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        <p role="alert" className="problem-text">
          {message ?? ''}
        </p>
        <button type="submit" disabled={busy}>
          {t('signIn.submit')}
        </button>
      </form>
    </main>
  );
}
