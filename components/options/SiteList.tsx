import type { AddedSiteKind } from '../../lib/schemas';
import { useText } from '../i18n/text';
import { useSites } from './useSites';

/** The added sites of one kind, each with its Remove button (which also gives the host's permission back). */
export function SiteList({ kind, label, empty }: { kind: AddedSiteKind; label: string; empty?: string }) {
  const t = useText();
  const sites = useSites((state) => state.sites)?.filter((site) => site.kind === kind);
  const busy = useSites((state) => state.busy);
  const remove = useSites((state) => state.remove);
  if (!sites) return null;
  if (sites.length === 0) return empty ? <p className="td-muted">{empty}</p> : null;
  return (
    <ul className="td-sites" aria-label={label}>
      {sites.map((site) => (
        <li key={site.host}>
          <span className="td-site-host">{site.host}</span>
          <button type="button" className="td-button" disabled={busy} onClick={() => void remove(site.host)}>
            {t('options.sites.remove')}
          </button>
        </li>
      ))}
    </ul>
  );
}
