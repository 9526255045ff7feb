import type { ApiRequest, Reply } from './http';

export interface Route {
  method: 'GET' | 'POST' | 'PUT';
  /** Path with `:name` segments, e.g. /api/v1/contacts/:channel/:externalId */
  pattern: string;
  handle(request: ApiRequest): Reply;
}

export interface Match {
  route: Route;
  params: Record<string, string>;
}

/** How stats and fault filters name a route: "POST /api/v1/events". */
export const routeKey = (route: Pick<Route, 'method' | 'pattern'>): string => `${route.method} ${route.pattern}`;

export const NO_ROUTE = '(no route)';

function matchPath(pattern: string, path: string): Record<string, string> | undefined {
  const expected = pattern.split('/');
  const actual = path.split('/');
  if (expected.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, segment] of expected.entries()) {
    const value = actual[index] ?? '';
    if (segment.startsWith(':')) {
      if (value === '') return undefined;
      try {
        params[segment.slice(1)] = decodeURIComponent(value);
      } catch {
        return undefined;
      }
    } else if (segment !== value) {
      return undefined;
    }
  }
  return params;
}

export function findRoute(routes: readonly Route[], method: string, path: string): Match | undefined {
  for (const route of routes) {
    if (route.method !== method) continue;
    const params = matchPath(route.pattern, path);
    if (params) return { route, params };
  }
  return undefined;
}
