/**
 * Main half of the screen picker. Electron calls `onDisplayMediaRequest` for every
 * getDisplayMedia(); we park the request (pending.ts), tell the renderer to show its picker, list
 * sources on demand and answer Electron's callback with the renderer's choice — or deny.
 */
import type { ChooseRequest, PickerOpen, ScreenSource } from '../../protocol/ipc/picker';
import { ScreenSourceSchema } from '../../protocol/ipc/picker';
import type { PendingPickerRequests, PickerGrant } from './pending';
import { isAppOrigin, isAppUrl } from '../security/origin';

/** The parts of Electron's NativeImage we use. */
export interface ImageLike {
  toDataURL(): string;
  isEmpty(): boolean;
}

/** The parts of Electron's DesktopCapturerSource we use. */
export interface CapturerSourceLike {
  readonly id: string;
  readonly name: string;
  readonly thumbnail: ImageLike;
  readonly appIcon: ImageLike | null;
}

/** desktopCapturer, narrowed. */
export interface CapturerPort {
  getSources(options: {
    types: Array<'screen' | 'window'>;
    thumbnailSize: { width: number; height: number };
    fetchWindowIcons: boolean;
  }): Promise<CapturerSourceLike[]>;
}

/** The parts of Electron's display-media request we look at. */
export interface DisplayMediaRequestLike {
  readonly securityOrigin: string;
  readonly videoRequested: boolean;
  readonly audioRequested: boolean;
  readonly frame: { readonly url: string } | null;
}

/**
 * What we pass Electron's callback: a grant, or null, which denies. Electron 41 throws on `{}`
 * ("Video was requested, but no video stream was provided"); null is the deny its runtime accepts,
 * although its typings list only the grant shape.
 */
export type StreamsAnswer = { video: { id: string; name: string }; audio?: 'loopback' } | null;

/**
 * How sources are chosen on this system. 'picker': our own dialog with live thumbnails.
 * 'portal': Linux under Wayland, where every desktopCapturer.getSources call opens the system's
 * portal dialog, so the portal is the picker: we ask once and grant what the user picked there.
 */
export type CaptureMode = 'picker' | 'portal';

/** macOS screen-recording access as systemPreferences.getMediaAccessStatus('screen') reports it. */
export type ScreenAccess = 'not-determined' | 'granted' | 'denied' | 'restricted' | 'unknown';

export interface ScreenPickerDeps {
  readonly capturer: CapturerPort;
  readonly requests: PendingPickerRequests;
  /** process.platform; system audio ('loopback') is offered only where Electron supports it. */
  readonly platform: string;
  /** 'portal' on Wayland (see captureModeFor). */
  readonly mode: CaptureMode;
  /** macOS screen-recording access, read per request (the user may change it while the app runs). */
  screenAccess(): ScreenAccess;
  /** Tells the user where to allow screen recording (macOS System Settings). */
  guideToScreenSettings(): void;
  /** Sends the picker-open event to the requesting web contents. */
  notifyOpen(ownerId: number, payload: PickerOpen): void;
  warn(message: string): void;
}

/** The capture mode for a Linux session (XDG_SESSION_TYPE / WAYLAND_DISPLAY) or another platform. */
export function captureModeFor(platform: string, env: Readonly<Record<string, string | undefined>>): CaptureMode {
  if (platform !== 'linux') return 'picker';
  return env.XDG_SESSION_TYPE === 'wayland' || (env.WAYLAND_DISPLAY ?? '') !== '' ? 'portal' : 'picker';
}

/**
 * True where Electron's `useSystemPicker` should be on: macOS 15 (Darwin 24) and later, whose own
 * picker shares a window without the app holding the screen-recording permission. Where the
 * system picker is unavailable Electron calls our handler as before.
 */
export function useSystemPickerFor(platform: string, osRelease: string): boolean {
  return platform === 'darwin' && Number.parseInt(osRelease.split('.')[0] ?? '', 10) >= 24;
}

/** Thumbnails big enough to recognise a window, small enough to refresh every second or two. */
export const THUMBNAIL_SIZE = { width: 320, height: 180 } as const;

/** Electron can capture system audio only on Windows ('loopback'). */
export function systemAudioSupported(platform: string): boolean {
  return platform === 'win32';
}

/** Reduces a desktopCapturer source to what may cross the bridge; null when it doesn't fit. */
export function toPublicSource(source: CapturerSourceLike): ScreenSource | null {
  const appIcon = source.appIcon && !source.appIcon.isEmpty() ? source.appIcon.toDataURL() : null;
  const candidate = { id: source.id, name: String(source.name).slice(0, 512), thumbnail: source.thumbnail.toDataURL(), appIcon };
  const parsed = ScreenSourceSchema.safeParse(candidate);
  return parsed.success ? parsed.data : null;
}

/** The screen picker's main-process logic. */
export function createScreenPicker(deps: ScreenPickerDeps) {
  const { requests } = deps;

  function answer(callback: (streams: StreamsAnswer) => void, grant: PickerGrant | null): void {
    try {
      callback(grant ? { ...grant } : null);
    } catch (e) {
      // Electron throws if the source vanished between listing and choosing; the page gets an error.
      deps.warn(`display media callback failed: ${(e as Error).message}`);
    }
  }

  /** Wayland: the portal is the picker; one getSources call, granted at once. */
  async function pickInPortal(requestId: string, ownerId: number): Promise<void> {
    let picked: CapturerSourceLike[];
    try {
      picked = await deps.capturer.getSources({ types: ['screen', 'window'], thumbnailSize: { width: 0, height: 0 }, fetchWindowIcons: false });
    } catch (e) {
      deps.warn(`screen portal failed: ${(e as Error).message}`);
      requests.end(requestId, ownerId, 'failed');
      return;
    }
    const source = picked[0];
    if (!source) {
      requests.end(requestId, ownerId, 'cancelled');
      return;
    }
    requests.offer(requestId, ownerId, [{ id: source.id, name: String(source.name).slice(0, 512) }]);
    if (requests.choose(requestId, ownerId, source.id, false) !== 'ok') requests.end(requestId, ownerId, 'failed');
  }

  return {
    /** Electron's setDisplayMediaRequestHandler, with the requester's web contents id resolved. */
    onDisplayMediaRequest(request: DisplayMediaRequestLike, ownerId: number | null, callback: (streams: StreamsAnswer) => void): void {
      const trusted = ownerId !== null && isAppOrigin(request.securityOrigin) && isAppUrl(request.frame?.url);
      if (!trusted || !request.videoRequested) {
        deps.warn('display media request refused: not from the app or no video requested');
        answer(callback, null);
        return;
      }
      const audioOffered = deps.mode === 'picker' && request.audioRequested && systemAudioSupported(deps.platform);
      const requestId = requests.open(ownerId, audioOffered, (grant) => answer(callback, grant));
      if (deps.platform === 'darwin') {
        const access = deps.screenAccess();
        // 'not-determined' goes on: the first capture makes macOS ask. A refusal can only be
        // undone in System Settings, so say where instead of showing empty thumbnails.
        if (access === 'denied' || access === 'restricted') {
          requests.end(requestId, ownerId, 'screen-access-denied');
          deps.guideToScreenSettings();
          return;
        }
      }
      if (deps.mode === 'portal') {
        void pickInPortal(requestId, ownerId);
        return;
      }
      deps.notifyOpen(ownerId, { requestId, audioOffered });
    },

    /** Current sources for a pending request (empty when it is not pending). */
    async listSources(requestId: string, ownerId: number): Promise<ScreenSource[]> {
      if (!requests.isOpen(requestId, ownerId)) return [];
      const raw = await deps.capturer.getSources({ types: ['screen', 'window'], thumbnailSize: THUMBNAIL_SIZE, fetchWindowIcons: true });
      const sources = raw.map(toPublicSource).filter((s): s is ScreenSource => s !== null);
      // The request may have ended while thumbnails were captured: then nothing is recorded.
      if (!requests.offer(requestId, ownerId, sources)) return [];
      return sources;
    },

    /** The renderer's choice; false when the request or the source is unknown. */
    choose(choice: ChooseRequest, ownerId: number): boolean {
      const result = requests.choose(choice.requestId, ownerId, choice.sourceId, choice.audio);
      if (result !== 'ok') deps.warn(`screen picker choice refused: ${result}`);
      return result === 'ok';
    },

    cancel(requestId: string, ownerId: number): boolean {
      return requests.cancel(requestId, ownerId);
    },
  };
}

export type ScreenPicker = ReturnType<typeof createScreenPicker>;
