import { useEffect, useMemo } from 'react';
import { createConsoleApi, type ConsoleApi } from './api';
import { ServicesContext, useLocaleChoice, useSession, type ConsoleServices } from './context';
import { LocaleProvider, translate, useText, type Locale } from './i18n/text';
import { Layout } from './Layout';
import { AdminsOnly } from './pages/AdminsOnly';
import { Destinations } from './pages/Destinations';
import { Events } from './pages/Events';
import { Intakes } from './pages/Intakes';
import { Lead } from './pages/Lead';
import { Managers } from './pages/Managers';
import { SignIn } from './pages/SignIn';
import { useRoute } from './route';
import { createLocaleStore } from './stores/locale-store';
import { createSessionStore } from './stores/session-store';

export interface ConsoleAppProps {
  /** Where the server is; the page's own origin unless a test serves the API elsewhere. */
  baseUrl?: string;
  locale: Locale;
  storage?: Pick<Storage, 'setItem'>;
}

/** The whole console: one set of services (API, session, language) for the page's life. */
export function ConsoleApp({ baseUrl = '', locale, storage }: ConsoleAppProps) {
  const services = useMemo<ConsoleServices>(() => {
    const session = createSessionStore(() => api);
    const api: ConsoleApi = createConsoleApi(baseUrl, () => session.getState().ended());
    return { api, session, locale: createLocaleStore(locale, storage) };
  }, [baseUrl, locale, storage]);
  useEffect(() => void services.session.getState().check(), [services]);
  return (
    <ServicesContext.Provider value={services}>
      <Localized />
    </ServicesContext.Provider>
  );
}

function Localized() {
  const { locale } = useLocaleChoice();
  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = translate(locale, 'app.title');
  }, [locale]);
  return (
    <LocaleProvider locale={locale}>
      <Screen />
    </LocaleProvider>
  );
}

function Screen() {
  const t = useText();
  const { state } = useSession();
  const route = useRoute();
  switch (state.phase) {
    case 'checking':
      return <p role="status">{t('app.loading')}</p>;
    case 'signedOut':
      return <SignIn />;
    case 'adminsOnly':
      return <AdminsOnly email={state.email} />;
    case 'signedIn':
      return (
        <Layout route={route} email={state.operator.email}>
          {route.page === 'managers' && <Managers />}
          {route.page === 'destinations' && <Destinations />}
          {route.page === 'intakes' && <Intakes />}
          {route.page === 'events' && <Events />}
          {route.page === 'lead' && <Lead channel={route.channel} externalId={route.externalId} />}
        </Layout>
      );
  }
}
