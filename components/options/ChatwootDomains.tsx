import type { FormEvent } from 'react';
import { TextField } from '../fields/TextField';
import { useText } from '../i18n/text';
import { SiteList } from './SiteList';
import { useSites } from './useSites';

/** Self-hosted Chatwoot: the manager adds the domain, the browser asks for its permission, the list shows it. */
export function ChatwootDomains() {
  const t = useText();
  const domain = useSites((state) => state.domain);
  const domainError = useSites((state) => state.domainError);
  const busy = useSites((state) => state.busy);
  const editDomain = useSites((state) => state.editDomain);
  const addChatwootDomain = useSites((state) => state.addChatwootDomain);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // Not awaited: the permission request inside must start in this click.
    void addChatwootDomain();
  };

  return (
    <section className="td-sites-section" aria-labelledby="td-chatwoot-heading">
      <h2 id="td-chatwoot-heading">{t('options.chatwoot.heading')}</h2>
      <SiteList kind="chatwoot" label={t('options.chatwoot.heading')} empty={t('options.chatwoot.none')} />
      <form className="td-form td-settings" noValidate onSubmit={submit}>
        <TextField
          label={t('options.chatwoot.domain')}
          inputMode="url"
          autoComplete="off"
          value={domain}
          hint={t('options.chatwoot.hint')}
          error={domainError && t(`options.chatwoot.problem.${domainError}`)}
          onChange={editDomain}
        />
        <div className="td-actions">
          <button type="submit" className="td-button td-button-primary" disabled={busy} aria-busy={busy || undefined}>
            {t('options.chatwoot.add')}
          </button>
        </div>
      </form>
    </section>
  );
}
