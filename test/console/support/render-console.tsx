import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ConsoleApp } from '../../../server/console/app/App';
import type { Locale } from '../../../server/console/app/i18n/text';
import type { ConsoleOperator } from '../../../lib/schemas/console';
import type { FakeAdminApi } from './fake-admin-api';

export const ADMIN: ConsoleOperator = {
  id: 'op-admin',
  name: 'Alice Admin',
  email: 'alice@team.example',
  role: 'admin',
};
export const ADMIN_PASSWORD = 'correct horse battery';

/** The console on its own against the fake API, opened at `hash`, signed in as the admin by its sign-in form. */
export async function openConsole(
  api: FakeAdminApi,
  options: { locale?: Locale; hash?: string; signIn?: boolean } = {},
) {
  const locale = options.locale ?? 'en';
  window.location.hash = options.hash ?? '#/managers';
  if (!api.data.accounts.some((account) => account.email === ADMIN.email)) {
    api.data.accounts.unshift({ email: ADMIN.email, password: ADMIN_PASSWORD, operator: ADMIN });
  }
  const user = userEvent.setup();
  render(<ConsoleApp baseUrl={api.url} locale={locale} storage={window.localStorage} />);
  if (options.signIn !== false) {
    const names =
      locale === 'ru' ? { password: 'Пароль', submit: 'Войти' } : { password: 'Password', submit: 'Sign in' };
    await user.type(await screen.findByLabelText('Email'), ADMIN.email);
    await user.type(screen.getByLabelText(names.password), ADMIN_PASSWORD);
    await user.click(screen.getByRole('button', { name: names.submit }));
    await screen.findByRole('navigation');
  }
  return user;
}
