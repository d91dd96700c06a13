import { useSyncExternalStore } from 'react';
import { parseRoute, routeHash, type Route } from './route';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

const currentHash = () => window.location.hash;

/** The current hash route; re-renders on `hashchange` (links, back/forward, `navigate`). */
export function useRoute(): Route {
  return parseRoute(useSyncExternalStore(subscribe, currentHash, () => ''));
}

/** Goes to a route by setting the hash, so the browser history and the back button keep working. */
export function navigate(route: Route): void {
  window.location.hash = routeHash(route);
}
