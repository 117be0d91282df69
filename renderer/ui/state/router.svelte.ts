import { parseRoute, type Route } from '../lib/route';

let path = $state(typeof location === 'undefined' ? '/' : location.pathname);

if (typeof window !== 'undefined') {
  window.addEventListener('popstate', () => {
    path = location.pathname;
  });
}

/** The current route, read-only; change it with `navigate`. */
export const router = {
  get route(): Route {
    return parseRoute(path);
  },
};

/** Client-side navigation within the single page. */
export function navigate(to: string): void {
  if (to === location.pathname) return;
  history.pushState(null, '', to);
  path = location.pathname;
}
