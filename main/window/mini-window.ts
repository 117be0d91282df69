/**
 * The call's mini window: the one window.open main allows. The page opens an empty same-origin
 * window under a fixed frame name and mounts its mini view into it, so the call's MediaStreams are
 * shown without a new connection. Only the app page itself may open it (a mini window opening
 * another, or any other name or URL, is refused by guards.ts as before).
 */
import type { BrowserWindowConstructorOptions } from 'electron';
import { isAppUrl } from '../security/origin';
import { MINI_WINDOW_NAME } from '../../protocol/ipc/window';

/** The parts of Electron's window-open handler details we look at. */
export interface OpenDetailsLike {
  readonly url: string;
  readonly frameName?: string;
}

/** True for the page's own `window.open('', 'confer-mini')`: an empty window, our name, opened by an app:// page. */
export function isMiniWindowRequest(openerUrl: string, details: OpenDetailsLike): boolean {
  return details.frameName === MINI_WINDOW_NAME && (details.url === '' || details.url === 'about:blank') && isAppUrl(openerUrl);
}

/** Small, always on top, out of the taskbar; the same hardened web preferences as the app window, without the bridge. */
export function miniWindowOptions(): BrowserWindowConstructorOptions {
  return {
    width: 320,
    height: 200,
    minWidth: 200,
    minHeight: 130,
    alwaysOnTop: true,
    skipTaskbar: true,
    minimizable: false,
    maximizable: false,
    fullscreenable: false,
    autoHideMenuBar: true,
    backgroundColor: '#000000',
    title: 'Confer',
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
    },
  };
}
