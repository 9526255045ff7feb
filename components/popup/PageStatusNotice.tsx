import { useEffect } from 'react';
import { useStore } from 'zustand';
import type { PageStatusStore } from '../../lib/stores/page-status-store';
import { useText } from '../i18n/text';

/** Says so when the chat app changed its page: the floating button stands in for the header button. */
export function PageStatusNotice({ store }: { store: PageStatusStore }) {
  const t = useText();
  const status = useStore(store, (state) => state.status);
  const load = useStore(store, (state) => state.load);
  useEffect(() => void load(), [load]);
  if (!status) return null;
  return (
    <p className={status.mount === 'floating' ? 'td-notice td-notice-warning' : 'td-muted'}>
      {t(`page.${status.mount}`, { site: status.site })}
    </p>
  );
}
