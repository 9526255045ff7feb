import { useText } from '../i18n/text';
import { SiteList } from './SiteList';
import { useSites } from './useSites';

/** The pages added with "Use on this site", shown only once there are some, so they can be removed here. */
export function OtherSites() {
  const t = useText();
  const count = useSites((state) => state.sites?.filter((site) => site.kind === 'any-page').length ?? 0);
  if (count === 0) return null;
  return (
    <section className="td-sites-section" aria-labelledby="td-other-sites-heading">
      <h2 id="td-other-sites-heading">{t('options.otherSites.heading')}</h2>
      <p className="td-muted">{t('options.otherSites.hint')}</p>
      <SiteList kind="any-page" label={t('options.otherSites.heading')} />
    </section>
  );
}
