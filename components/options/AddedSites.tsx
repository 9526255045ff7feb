import type { SitesStore } from '../../lib/stores/sites-store';
import { ChatwootDomains } from './ChatwootDomains';
import { OtherSites } from './OtherSites';
import { SitesOutcome } from './SitesOutcome';
import { SitesStoreProvider } from './useSites';

/** The sites the manager added: self-hosted Chatwoot domains, and pages added from the popup. */
export function AddedSites({ store }: { store: SitesStore }) {
  return (
    <SitesStoreProvider store={store}>
      <ChatwootDomains />
      <OtherSites />
      <SitesOutcome />
    </SitesStoreProvider>
  );
}
