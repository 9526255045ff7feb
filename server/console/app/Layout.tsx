import { useEffect, useRef, type ReactNode } from 'react';
import type { MessageId } from './i18n/en';
import { LOCALES, useText } from './i18n/text';
import { useLocaleChoice, useSession } from './context';
import type { Route } from './route';

const NAV: { page: Route['page']; href: string; label: MessageId }[] = [
  { page: 'managers', href: '#/managers', label: 'nav.managers' },
  { page: 'destinations', href: '#/destinations', label: 'nav.destinations' },
  { page: 'intakes', href: '#/intakes', label: 'nav.intakes' },
  { page: 'events', href: '#/events', label: 'nav.events' },
];

const LANGUAGE_NAMES: Record<string, string> = { en: 'English', ru: 'Русский' };

/** Header, navigation and the page; focus goes to the page's heading when the page changes, as a new page load would. */
export function Layout({ route, email, children }: { route: Route; email: string; children: ReactNode }) {
  const t = useText();
  const { signOut } = useSession();
  const { locale, choose } = useLocaleChoice();
  const main = useRef<HTMLElement>(null);
  const key = route.page === 'lead' ? `lead/${route.channel}/${route.externalId}` : route.page;
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [key]);
  const current = route.page === 'lead' ? 'events' : route.page;
  return (
    <>
      <header className="top">
        <p className="brand">{t('app.title')}</p>
        <nav aria-label={t('app.mainNav')}>
          <ul>
            {NAV.map((item) => (
              <li key={item.page}>
                <a href={item.href} aria-current={item.page === current ? 'page' : undefined}>
                  {t(item.label)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="account">
          <label htmlFor="console-language">{t('app.language')}</label>
          <select id="console-language" value={locale} onChange={(event) => choose(event.target.value)}>
            {LOCALES.map((code) => (
              <option key={code} value={code} lang={code}>
                {LANGUAGE_NAMES[code] ?? code}
              </option>
            ))}
          </select>
          <span className="who">{t('signedInAs', { email })}</span>
          <button type="button" onClick={() => void signOut()}>
            {t('signOut')}
          </button>
        </div>
      </header>
      <main ref={main} className="page">
        {children}
      </main>
    </>
  );
}
