/**
 * Navigation guards for every web contents the app ever creates (installed from
 * app.on('web-contents-created'), so nothing escapes them): no navigation away from app://, no new
 * windows but the call's mini window (mini-window.ts), no <webview>; https links open in the user's browser.
 */
import type { WebContents } from 'electron';
import { decideNavigation, decideNewWindow } from './navigation';
import { isMiniWindowRequest, miniWindowOptions } from './mini-window';

/** The parts of WebContents the guards use. */
export type GuardedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler' | 'getURL'>;

/** Opens a URL in the OS browser (shell.openExternal); only ever given https URLs. */
export type OpenExternal = (url: string) => void;

/** Installs the guards on one web contents. */
export function guardWebContents(contents: GuardedContents, openExternal: OpenExternal): void {
  const onNavigate = (event: { preventDefault(): void }, url: string) => {
    const decision = decideNavigation(url);
    if (decision === 'allow') return;
    event.preventDefault();
    if (decision === 'open-external') openExternal(url);
  };
  contents.on('will-navigate', (event, url) => onNavigate(event, url));
  contents.on('will-redirect', (event, url) => onNavigate(event, url));
  // Fires for the main frame too, and before will-navigate: cancelling a main-frame navigation
  // here would stop will-navigate, so an https link would never reach the browser. The main
  // frame is will-navigate's; this guard keeps subframes on app://.
  contents.on('will-frame-navigate', (event) => {
    if (event.isMainFrame) return;
    if (decideNavigation(event.url) !== 'allow') event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler((details) => {
    if (isMiniWindowRequest(contents.getURL(), details)) return { action: 'allow', overrideBrowserWindowOptions: miniWindowOptions() };
    const { url } = details;
    if (decideNewWindow(url) === 'open-external') openExternal(url);
    return { action: 'deny' };
  });
}
