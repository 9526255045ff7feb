import { useState, type FormEvent } from 'react';
import { TextField } from '../fields/TextField';
import { useText } from '../i18n/text';
import { usePopup } from './usePopup';

/** Email and password; refusals at their field, or above the button when they belong to neither. */
export function SignInForm() {
  const t = useText();
  const signIn = usePopup((state) => state.signIn);
  const clearErrors = usePopup((state) => state.clearErrors);
  const errors = usePopup((state) => state.fieldErrors);
  const signingIn = usePopup((state) => state.signingIn);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await signIn({ email: email.trim(), password })) setPassword('');
  };

  return (
    <form className="td-form" noValidate onSubmit={submit}>
      <TextField
        label={t('popup.email')}
        type="email"
        autoComplete="username"
        value={email}
        error={errors.email}
        onChange={(value) => {
          setEmail(value);
          clearErrors('email');
        }}
      />
      <TextField
        label={t('popup.password')}
        type="password"
        autoComplete="current-password"
        value={password}
        error={errors.password}
        onChange={(value) => {
          setPassword(value);
          clearErrors('password');
        }}
      />
      <div className="td-actions">
        <button
          type="submit"
          className="td-button td-button-primary"
          disabled={signingIn}
          aria-busy={signingIn || undefined}
        >
          {t('popup.signIn')}
        </button>
      </div>
    </form>
  );
}
