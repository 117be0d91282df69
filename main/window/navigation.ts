/**
 * Where the app window may go. It never leaves app://: in-app routes use history.pushState and
 * never navigate; links to the web open in the user's browser, and only when they are https.
 */
import { isAppUrl } from '../security/origin';

export type NavigationDecision = 'allow' | 'open-external' | 'block';

/** True for an https URL without embedded credentials that the OS browser may open. */
export function isSafeExternalUrl(raw: string): boolean {
  if (typeof raw !== 'string' || raw.length > 2048) return false;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return url.protocol === 'https:' && url.username === '' && url.password === '' && url.hostname.length > 0;
}

/** For will-navigate / will-redirect: app pages load, https links go to the browser, the rest stop. */
export function decideNavigation(url: string): NavigationDecision {
  if (isAppUrl(url)) return 'allow';
  return isSafeExternalUrl(url) ? 'open-external' : 'block';
}

/** For window.open / target=_blank: never a new Electron window; https goes to the browser. */
export function decideNewWindow(url: string): Exclude<NavigationDecision, 'allow'> {
  return isSafeExternalUrl(url) ? 'open-external' : 'block';
}
