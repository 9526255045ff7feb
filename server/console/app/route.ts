import { useEffect, useState } from 'react';

/** The console's pages live in the URL's hash, so the server serves one page at `/` and every route reloads. */
export type Route =
  { page: 'managers' | 'destinations' | 'intakes' | 'events' } | { page: 'lead'; channel: string; externalId: string };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  const [page, ...rest] = parts;
  if (page === 'destinations' || page === 'intakes' || page === 'events') return { page };
  if (page === 'leads' && rest[0] && rest[1]) return { page: 'lead', channel: rest[0], externalId: rest[1] };
  return { page: 'managers' };
}

export function leadHref(channel: string, externalId: string): string {
  return `#/leads/${encodeURIComponent(channel)}/${encodeURIComponent(externalId)}`;
}

export function useRoute(): Route {
  const [hash, setHash] = useState(() => window.location.hash);
  useEffect(() => {
    const follow = () => setHash(window.location.hash);
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  return parseRoute(hash);
}
