import { decideNavigation, decideNewWindow, isSafeExternalUrl } from './navigation';
import { decideClose, TrayNotice } from './close-policy';
import { createMainWindow, createSettingsWindow } from './create';
import type { BrowserWindowConstructorOptions } from 'electron';
import { guardWebContents } from './guards';
import type { GuardedContents } from './guards';
import { clickLinkInMainFrame41, endWindowsSession41, navigateSubframe41 } from '../testing/electron41';
import { attachCloseHandler } from './close-handler';
import type { Listeners } from '../testing/electron41';

describe('navigation policy', () => {
  it('keeps the window on app:// and sends only https links to the browser', () => {
    expect(decideNavigation('app://confer/room/a')).toBe('allow');
    expect(decideNavigation('https://example.com/help')).toBe('open-external');
    for (const url of ['http://example.com/', 'file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'app://confer.evil/', 'https://u:p@example.com/', 'ms-msdt:/id', '']) {
      expect(decideNavigation(url)).toBe('block');
    }
    expect(decideNewWindow('app://confer/')).toBe('block');
    expect(decideNewWindow('https://example.com/')).toBe('open-external');
    expect(isSafeExternalUrl('https://' + 'a'.repeat(3000) + '.com')).toBe(false);
  });
});

describe('guards', () => {
  it('prevents navigation and new windows, opening https externally', () => {
    const listeners: Record<string, (...args: unknown[]) => void> = {};
    let openHandler: ((d: { url: string }) => { action: string }) | null = null;
    const fake = {
      on: (event: string, l: (...args: unknown[]) => void) => void (listeners[event] = l),
      setWindowOpenHandler: (h: (d: { url: string }) => { action: string }) => void (openHandler = h),
      getURL: () => 'app://confer/room/a',
    };
    const opened: string[] = [];
    guardWebContents(fake as unknown as GuardedContents, (u) => opened.push(u));
    const event = () => ({ prevented: false, url: '', preventDefault() { this.prevented = true; } });

    const toApp = event();
    listeners['will-navigate'](toApp, 'app://confer/room/x');
    expect(toApp.prevented).toBe(false);
    const toWeb = event();
    listeners['will-navigate'](toWeb, 'https://example.com/');
    expect(toWeb.prevented).toBe(true);
    const toFile = event();
    listeners['will-redirect'](toFile, 'file:///etc/passwd');
    expect(toFile.prevented).toBe(true);
    const frame = { ...event(), url: 'https://evil.example/', isMainFrame: false };
    listeners['will-frame-navigate'](frame);
    expect(frame.prevented).toBe(true);
    const webview = event();
    listeners['will-attach-webview'](webview);
    expect(webview.prevented).toBe(true);
    expect(openHandler!({ url: 'https://example.com/doc' })).toEqual({ action: 'deny' });
    expect(openHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://example.com/', 'https://example.com/doc']);
  });
});

describe('guards, with navigation events in Electron 41 order', () => {
  function guarded() {
    const listeners: Listeners = {};
    const fake = {
      on: (event: string, l: (...args: unknown[]) => unknown) => void (listeners[event] = l),
      setWindowOpenHandler: () => {},
      getURL: () => 'app://confer/room/a',
    };
    const opened: string[] = [];
    guardWebContents(fake as unknown as GuardedContents, (u) => opened.push(u));
    return { listeners, opened };
  }

  it('an https link clicked in the page reaches will-navigate and opens in the browser', () => {
    const { listeners, opened } = guarded();
    expect(clickLinkInMainFrame41(listeners, 'https://example.com/help')).toEqual({ cancelled: true, willNavigateFired: true });
    expect(opened).toEqual(['https://example.com/help']);
  });

  it('in-app and hostile main-frame navigations are still decided by will-navigate', () => {
    const { listeners, opened } = guarded();
    expect(clickLinkInMainFrame41(listeners, 'app://confer/room/a')).toEqual({ cancelled: false, willNavigateFired: true });
    expect(clickLinkInMainFrame41(listeners, 'file:///etc/passwd')).toEqual({ cancelled: true, willNavigateFired: true });
    expect(opened).toEqual([]);
  });

  it('a subframe never leaves app:// and never opens anything', () => {
    const { listeners, opened } = guarded();
    expect(navigateSubframe41(listeners, 'https://evil.example/')).toEqual({ cancelled: true });
    expect(navigateSubframe41(listeners, 'app://confer/embed')).toEqual({ cancelled: false });
    expect(opened).toEqual([]);
  });
});

describe('close policy', () => {
  const base = { inCall: false, closeToTray: 'in-call' as const, quitting: false, trayAvailable: true };
  it('keeps a call in the tray and quits outside a call', () => {
    expect(decideClose({ ...base, inCall: true })).toBe('hide');
    expect(decideClose(base)).toBe('quit');
  });
  it('is configurable, and quits whatever the setting once the app is quitting', () => {
    expect(decideClose({ ...base, closeToTray: 'always' })).toBe('hide');
    expect(decideClose({ ...base, inCall: true, closeToTray: 'never' })).toBe('quit');
    expect(decideClose({ ...base, inCall: true, quitting: true })).toBe('quit');
  });
  it('minimizes instead of hiding where no tray icon is shown, so the window can always come back', () => {
    expect(decideClose({ ...base, inCall: true, trayAvailable: false })).toBe('minimize');
    expect(decideClose({ ...base, closeToTray: 'always', trayAvailable: false })).toBe('minimize');
    expect(decideClose({ ...base, trayAvailable: false })).toBe('quit');
  });
  it('shows the tray notice only the first time', () => {
    const n = new TrayNotice();
    expect([n.take(), n.take(), n.take()]).toEqual([true, false, false]);
  });
});

describe('close handler', () => {
  function setup(over: { inCall?: boolean; trayAvailable?: boolean } = {}) {
    const listeners: Listeners = {};
    const calls: string[] = [];
    let quitting = false;
    const win = {
      on: (event: string, l: (...args: unknown[]) => unknown) => void (listeners[event] = l),
      hide: () => calls.push('hide'),
      minimize: () => calls.push('minimize'),
    };
    attachCloseHandler(win as never, {
      context: () => ({ inCall: over.inCall ?? true, closeToTray: 'in-call', trayAvailable: over.trayAvailable ?? true }),
      isQuitting: () => quitting,
      markQuitting: () => (quitting = true),
      onHidden: () => calls.push('notice'),
    });
    const close = () => {
      const e = { prevented: false, preventDefault() { this.prevented = true; } };
      listeners['close'](e);
      return e.prevented;
    };
    return { listeners, calls, close };
  }

  it('keeps an in-call window in the tray, or minimized without a tray host', () => {
    const withTray = setup();
    expect(withTray.close()).toBe(true);
    expect(withTray.calls).toEqual(['hide', 'notice']);
    const noHost = setup({ trayAvailable: false });
    expect(noHost.close()).toBe(true);
    expect(noHost.calls).toEqual(['minimize']);
  });

  it('lets Windows end the session during a call: the close is not held up', () => {
    const s = setup({ inCall: true });
    expect(endWindowsSession41(s.listeners)).toEqual({ queryPrevented: false, closePrevented: false });
    expect(s.calls).toEqual([]);
  });
});

describe('app windows', () => {
  it.each([
    ['main', createMainWindow, 'app://confer/'],
    ['settings', createSettingsWindow, 'app://confer/settings'],
  ])('the %s window is created with the security baseline and loads its app page', (_name, create, url) => {
    const created: Array<{ options: BrowserWindowConstructorOptions; loaded: string[] }> = [];
    class FakeWindow {
      loaded: string[] = [];
      constructor(readonly options: BrowserWindowConstructorOptions) {
        created.push(this);
      }
      once() {
        return this;
      }
      show() {}
      async loadURL(url: string) {
        this.loaded.push(url);
      }
    }
    create(FakeWindow as never, { preload: '/x/preload.js', icon: '/x/icon-512.png', url, warn: () => {} });
    expect(created).toHaveLength(1);
    expect(created[0].options.icon).toBe('/x/icon-512.png');
    expect(created[0].options.webPreferences).toMatchObject({
      preload: '/x/preload.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(created[0].loaded).toEqual([url]);
  });
});
