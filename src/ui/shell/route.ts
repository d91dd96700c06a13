/** Hash routes of the app: `#/check` (landing), `#/benchmark`, `#/runs`, `#/runs/<id>`, `#/models`. */

export type PageId = 'check' | 'benchmark' | 'runs' | 'models';

export type Route =
  | { page: 'check' }
  | { page: 'benchmark' }
  | { page: 'runs'; runId?: string }
  | { page: 'models' }
  | { page: 'not-found'; path: string };

export const PAGES: readonly { id: PageId; label: string }[] = [
  { id: 'check', label: 'Check' },
  { id: 'benchmark', label: 'Benchmark' },
  { id: 'runs', label: 'Runs' },
  { id: 'models', label: 'Models' },
];

/** Reads a `location.hash` (with or without `#`); an empty hash is the Check page. */
export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/^\/+/, '').replace(/\/+$/, '');
  if (path === '' || path === 'check') return { page: 'check' };
  const [head, ...rest] = path.split('/');
  if (head === 'benchmark' && rest.length === 0) return { page: 'benchmark' };
  if (head === 'models' && rest.length === 0) return { page: 'models' };
  if (head === 'runs') {
    if (rest.length === 0) return { page: 'runs' };
    if (rest.length === 1 && rest[0] !== '') return { page: 'runs', runId: safeDecode(rest[0]!) };
  }
  return { page: 'not-found', path: `/${path}` };
}

/** The hash for a route, so links and `navigate` agree with `parseRoute`. */
export function routeHash(route: Route): string {
  switch (route.page) {
    case 'runs':
      return route.runId === undefined ? '#/runs' : `#/runs/${encodeURIComponent(route.runId)}`;
    case 'not-found':
      return '#/check';
    default:
      return `#/${route.page}`;
  }
}

/** The section a route belongs to, for the navigation's `aria-current`. */
export function sectionOf(route: Route): PageId | null {
  return route.page === 'not-found' ? null : route.page;
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
