/**
 * How Electron 41.7 (and electron-updater 6.8) really behave, in the shapes our unit-test fakes
 * need. Each export is named after the behaviour it copies and says where in Electron it comes
 * from, so the next Electron upgrade means reviewing this one file against the new version's
 * sources and docs. Test-only: nothing in the app imports it.
 */

/** The Electron line these shapes were read from. */
export const COPIED_FROM = { electron: '41.7.1', electronUpdater: '6.8.10' } as const;

/** A permission request as session.setPermissionRequestHandler receives it. */
export interface PermissionRequest {
  readonly permission: string;
  readonly details: { readonly requestingUrl?: string; readonly isMainFrame?: boolean; readonly mediaTypes?: string[] };
}

/**
 * getDisplayMedia() before Electron 45: web_contents_permission_helper.cc maps only device
 * capture to 'audio'/'video', so a display capture asks for permission 'media' with no media types.
 */
export function displayCapturePermission41(requestingUrl: string): PermissionRequest {
  return { permission: 'media', details: { requestingUrl, isMainFrame: true, mediaTypes: [] } };
}

/** getDisplayMedia() from Electron 45 on (electron/electron#52824): a permission of its own. */
export function displayCapturePermission45(requestingUrl: string): PermissionRequest {
  return { permission: 'display-capture', details: { requestingUrl, isMainFrame: true } };
}

/** getUserMedia() for camera and/or microphone: permission 'media' with 'video'/'audio'. */
export function userMediaPermission41(requestingUrl: string, mediaTypes: Array<'audio' | 'video'>): PermissionRequest {
  return { permission: 'media', details: { requestingUrl, isMainFrame: true, mediaTypes: [...mediaTypes] } };
}

/** What the page's getDisplayMedia() settles with after the handler's callback ran. */
export type DisplayMediaPageResult =
  | { readonly ok: true; readonly video: { id: string; name: string }; readonly audio?: unknown }
  | { readonly ok: false; readonly name: 'AbortError'; readonly message: 'Error starting capture' };

/** MediaStreamRequestResult::CAPTURE_FAILURE as the page sees it (blink: kCapture → AbortError). */
const CAPTURE_FAILURE: DisplayMediaPageResult = { ok: false, name: 'AbortError', message: 'Error starting capture' };

/**
 * The callback setDisplayMediaRequestHandler hands us, as ElectronBrowserContext::
 * DisplayMediaDeviceChosen implements it: null or undefined denies quietly (the page gets an
 * AbortError — it cannot tell a cancel from a failure); `{}` when video was requested, a
 * non-object, or a video without id and name throws a TypeError in the caller *and* fails the
 * page's request. Electron's typings (`(streams: Streams) => void`) do not list null; the runtime
 * message does ("must be called with null or a valid object").
 */
export function displayMediaCallback41(videoRequested = true) {
  const results: DisplayMediaPageResult[] = [];
  const callback = (streams: unknown): void => {
    if (streams === null || streams === undefined) {
      results.push(CAPTURE_FAILURE);
      return;
    }
    if (typeof streams !== 'object') {
      results.push(CAPTURE_FAILURE);
      throw new TypeError('Display Media Request streams callback must be called with null or a valid object');
    }
    const s = streams as { video?: { id?: unknown; name?: unknown }; audio?: unknown };
    if (videoRequested && s.video !== undefined) {
      if (typeof s.video?.id !== 'string' || typeof s.video?.name !== 'string') {
        results.push(CAPTURE_FAILURE);
        throw new TypeError('video must be a WebFrameMain or DesktopCapturerSource');
      }
      results.push({ ok: true, video: { id: s.video.id, name: s.video.name }, ...(s.audio !== undefined ? { audio: s.audio } : {}) });
      return;
    }
    if (videoRequested) {
      results.push(CAPTURE_FAILURE);
      throw new TypeError('Video was requested, but no video stream was provided');
    }
  };
  return { callback, results };
}

/** An event object as Electron passes it to navigation listeners. */
export interface NavigationEvent41 {
  readonly url: string;
  readonly isMainFrame: boolean;
  defaultPrevented: boolean;
  preventDefault(): void;
}

function navigationEvent(url: string, isMainFrame: boolean): NavigationEvent41 {
  return {
    url,
    isMainFrame,
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

/** A listener table as a fake WebContents records it. */
export type Listeners = Record<string, (...args: unknown[]) => unknown>;

/**
 * A link click in the main frame, as electron_navigation_throttle.cc runs it: 'will-frame-navigate'
 * fires first, for the main frame too; only when nobody prevented it does 'will-navigate' follow.
 */
export function clickLinkInMainFrame41(listeners: Listeners, url: string): { cancelled: boolean; willNavigateFired: boolean } {
  const frameEvent = navigationEvent(url, true);
  listeners['will-frame-navigate']?.(frameEvent);
  if (frameEvent.defaultPrevented) return { cancelled: true, willNavigateFired: false };
  const event = navigationEvent(url, true);
  listeners['will-navigate']?.(event, url);
  return { cancelled: event.defaultPrevented, willNavigateFired: true };
}

/** A navigation inside an iframe: only 'will-frame-navigate' fires. */
export function navigateSubframe41(listeners: Listeners, url: string): { cancelled: boolean } {
  const event = navigationEvent(url, false);
  listeners['will-frame-navigate']?.(event);
  return { cancelled: event.defaultPrevented };
}

/**
 * The rejection of a loadURL() that a later loadURL() replaced: Electron rejects the first
 * promise with net::ERR_ABORTED (-3). Unhandled, it is an unhandled rejection in the main process.
 */
export function abortedLoad41(url: string): Error & { code: string; errno: number; url: string } {
  return Object.assign(new Error(`ERR_ABORTED (-3) loading '${url}'`), { code: 'ERR_ABORTED', errno: -3, url });
}

/** A BrowserWindow whose loadURL behaves as Electron's: a newer load aborts the pending one. */
export class LoadingWindow41 {
  readonly loads: string[] = [];
  private pending: { url: string; reject: (e: Error) => void } | null = null;

  loadURL(url: string): Promise<void> {
    this.pending?.reject(abortedLoad41(this.pending.url));
    this.loads.push(url);
    return new Promise<void>((resolve, reject) => {
      this.pending = { url, reject };
      // The load finishes on a later turn unless a newer load aborts it first.
      setTimeout(() => {
        if (this.pending?.url === url) {
          this.pending = null;
          resolve();
        }
      }, 0);
    });
  }
}

/**
 * electron-updater 6.8's AppUpdater: its `channel` setter also sets `allowDowngrade = true`
 * (AppUpdater.js), so a flag set before the channel is silently undone.
 */
export class AppUpdater68 {
  allowDowngrade = false;
  allowPrerelease = false;
  autoDownload = true;
  autoInstallOnAppQuit = true;
  private current: string | null = null;

  get channel(): string | null {
    return this.current;
  }

  set channel(value: string | null) {
    this.current = value;
    this.allowDowngrade = true;
  }
}

/**
 * Tray on a Linux desktop without a StatusNotifier host (stock GNOME): `new Tray()` succeeds and
 * every method works, but no icon is ever shown. Only the D-Bus name tells the difference.
 */
export function trayWithoutHost41() {
  return {
    tray: { setToolTip: () => {}, setContextMenu: () => {}, on: () => {}, destroy: () => {} },
    /** What `gdbus call … NameHasOwner org.kde.StatusNotifierWatcher` prints there. */
    nameHasOwnerOutput: '(false,)\n',
  };
}

/** The same call's output where a host runs (KDE, GNOME with the AppIndicator extension). */
export const TRAY_HOST_PRESENT_OUTPUT_41 = '(true,)\n';

/**
 * desktopCapturer.getSources on Linux under Wayland (PipeWire capturer): every call opens the
 * xdg-desktop-portal dialog; it resolves with the one source the user picked there, or with none
 * when they cancelled it.
 */
export function waylandCapturer41(picked: { id: string; name: string } | null) {
  let portalDialogs = 0;
  const image = { toDataURL: () => 'data:image/png;base64,', isEmpty: () => true };
  return {
    get portalDialogs() {
      return portalDialogs;
    },
    async getSources() {
      portalDialogs++;
      return picked ? [{ id: picked.id, name: picked.name, thumbnail: image, appIcon: null }] : [];
    },
  };
}

/** systemPreferences.getMediaAccessStatus values on macOS (Electron 41). */
export type MediaAccessStatus41 = 'not-determined' | 'granted' | 'denied' | 'restricted' | 'unknown';

/**
 * systemPreferences on macOS: askForMediaAccess exists for 'camera' and 'microphone' only (screen
 * recording cannot be asked for, only checked), and resolves true when access is granted.
 */
export function macSystemPreferences41(status: Record<'camera' | 'microphone' | 'screen', MediaAccessStatus41>, answer = true) {
  const asked: string[] = [];
  return {
    asked,
    getMediaAccessStatus: (type: 'camera' | 'microphone' | 'screen') => status[type],
    askForMediaAccess: async (type: 'camera' | 'microphone') => {
      asked.push(type);
      status[type] = answer ? 'granted' : 'denied';
      return answer;
    },
  };
}

/** The window events a Windows log-off or shutdown raises, in Electron 41's order. */
export interface SessionEndEvent41 {
  defaultPrevented: boolean;
  preventDefault(): void;
}

/**
 * Windows ends the session (WM_QUERYENDSESSION, then WM_ENDSESSION): the window gets
 * 'query-session-end' (preventing it blocks the shutdown), then 'session-end', then Electron
 * closes it ('close'). A window that still prevents its close keeps the app — and the
 * shutdown — waiting.
 */
export function endWindowsSession41(listeners: Listeners): { queryPrevented: boolean; closePrevented: boolean } {
  const event = (): SessionEndEvent41 => ({
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  });
  const query = event();
  listeners['query-session-end']?.(query);
  listeners['session-end']?.(event());
  const close = event();
  listeners['close']?.(close);
  return { queryPrevented: query.defaultPrevented, closePrevented: close.defaultPrevented };
}

const ACCELERATOR_MODIFIERS = new Set(['command', 'cmd', 'control', 'ctrl', 'commandorcontrol', 'cmdorctrl', 'alt', 'option', 'altgr', 'shift', 'super', 'meta']);
const ACCELERATOR_KEYS = /^([a-z0-9]|f([1-9]|1[0-9]|2[0-4])|space|tab|capslock|numlock|scrolllock|backspace|delete|insert|return|enter|up|down|left|right|home|end|pageup|pagedown|escape|esc|plus|printscreen|num[0-9])$/;

/** True when Electron's accelerator converter (accelerator_util.cc) parses `accelerator`: modifiers, then exactly one key. */
function parsesAsAccelerator41(accelerator: string): boolean {
  const parts = accelerator.toLowerCase().split('+');
  const key = parts.pop() ?? '';
  return parts.every((m) => ACCELERATOR_MODIFIERS.has(m)) && ACCELERATOR_KEYS.test(key);
}

/**
 * globalShortcut as electron_api_global_shortcut.cc behaves: an accelerator the converter cannot
 * parse throws a TypeError ("conversion failure"); one the OS or another app holds (`takenByOthers`),
 * or that this app already registered, returns false and keeps the first callback; unregistering
 * what is not registered does nothing. `press` fires a registered accelerator once — a held key
 * fires again on each OS key auto-repeat, and its release fires nothing (there is no key-up).
 */
export function globalShortcut41(takenByOthers: readonly string[] = []) {
  const registered = new Map<string, () => void>();
  const port = {
    register(accelerator: string, callback: () => void): boolean {
      if (!parsesAsAccelerator41(accelerator)) throw new TypeError(`Error processing argument at index 0, conversion failure from ${accelerator}`);
      if (takenByOthers.includes(accelerator) || registered.has(accelerator)) return false;
      registered.set(accelerator, callback);
      return true;
    },
    unregister(accelerator: string): void {
      registered.delete(accelerator);
    },
  };
  return { port, registered, press: (accelerator: string) => registered.get(accelerator)?.() };
}
