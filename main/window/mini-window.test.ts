import { isMiniWindowRequest, miniWindowOptions } from './mini-window';
import { guardWebContents } from './guards';
import type { GuardedContents } from './guards';
import { watchWindowState } from './state';
import type { WindowState } from '../../protocol/ipc/window';

type OpenHandler = (d: { url: string; frameName?: string }) => { action: string; overrideBrowserWindowOptions?: unknown };

function guarded(pageUrl: string) {
  let handler: OpenHandler | null = null;
  const fake = { on: () => {}, setWindowOpenHandler: (h: OpenHandler) => void (handler = h), getURL: () => pageUrl };
  const opened: string[] = [];
  guardWebContents(fake as unknown as GuardedContents, (u) => opened.push(u));
  return { open: (d: { url: string; frameName?: string }) => handler!(d), opened };
}

describe('mini window', () => {
  it('is the one window.open allowed: empty, named confer-mini, opened by the app page', () => {
    expect(isMiniWindowRequest('app://confer/room/a', { url: 'about:blank', frameName: 'confer-mini' })).toBe(true);
    expect(isMiniWindowRequest('app://confer/room/a', { url: '', frameName: 'confer-mini' })).toBe(true);
    expect(isMiniWindowRequest('app://confer/room/a', { url: 'about:blank', frameName: 'other' })).toBe(false);
    expect(isMiniWindowRequest('app://confer/room/a', { url: 'app://confer/', frameName: 'confer-mini' })).toBe(false);
    expect(isMiniWindowRequest('app://confer/room/a', { url: 'https://example.com/', frameName: 'confer-mini' })).toBe(false);
    // The mini window itself (about:blank) or a page that left app:// opens nothing.
    expect(isMiniWindowRequest('about:blank', { url: 'about:blank', frameName: 'confer-mini' })).toBe(false);
    expect(isMiniWindowRequest('https://evil.example/', { url: 'about:blank', frameName: 'confer-mini' })).toBe(false);
  });

  it('the guard allows it small, on top and hardened, and still refuses every other window', () => {
    const app = guarded('app://confer/room/a');
    const mini = app.open({ url: 'about:blank', frameName: 'confer-mini' });
    expect(mini).toEqual({ action: 'allow', overrideBrowserWindowOptions: miniWindowOptions() });
    const options = miniWindowOptions();
    expect(options).toMatchObject({ alwaysOnTop: true, width: 320, height: 200, skipTaskbar: true });
    expect(options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(options.webPreferences?.preload).toBeUndefined();
    expect(app.open({ url: 'about:blank', frameName: 'x' })).toEqual({ action: 'deny' });
    expect(app.open({ url: 'https://example.com/doc', frameName: 'confer-mini' })).toEqual({ action: 'deny' });
    expect(app.opened).toEqual(['https://example.com/doc']);
    expect(guarded('about:blank').open({ url: 'about:blank', frameName: 'confer-mini' })).toEqual({ action: 'deny' });
  });
});

describe('window state', () => {
  it('reports minimised, hidden and back on screen once per change', () => {
    const listeners: Record<string, () => void> = {};
    const win = { minimized: false, visible: true, on: (e: string, l: () => void) => void (listeners[e] = l), isMinimized() { return this.minimized; }, isVisible() { return this.visible; } };
    const seen: WindowState[] = [];
    watchWindowState(win, (s) => seen.push(s));
    win.minimized = true;
    win.visible = false; // some window managers call a minimised window invisible too
    listeners.minimize();
    listeners.hide();
    win.minimized = false;
    win.visible = true;
    listeners.restore();
    listeners.show();
    win.visible = false;
    listeners.hide();
    win.visible = true;
    listeners.show();
    expect(seen).toEqual(['minimized', 'normal', 'hidden', 'normal']);
  });
});
