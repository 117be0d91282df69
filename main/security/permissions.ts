/**
 * Permission policy: the app's own origin may use the camera, the microphone, screen capture,
 * clipboard writes (for "Copy invite link") and notifications (knocks, joins, chat while the window
 * is in the background); every other permission, and every other origin —
 * including anything that navigated away from app:// — is refused.
 */
import { isAppOrigin, isAppUrl } from './origin';

/** The parts of Electron's permission-request details we look at. */
export interface RequestDetailsLike {
  readonly requestingUrl?: string;
  readonly isMainFrame?: boolean;
  readonly mediaTypes?: ReadonlyArray<string>;
}

/** The parts of Electron's permission-check details we look at. */
export interface CheckDetailsLike {
  readonly requestingUrl?: string;
  readonly isMainFrame?: boolean;
  readonly mediaType?: string;
}

/** session.setPermission{Request,Check}Handler, narrowed. */
export interface PermissionSessionPort {
  setPermissionRequestHandler(
    handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void, details: RequestDetailsLike) => void,
  ): void;
  setPermissionCheckHandler(
    handler: (webContents: unknown, permission: string, requestingOrigin: string, details: CheckDetailsLike) => boolean,
  ): void;
}

const MEDIA_TYPES: ReadonlySet<string> = new Set(['audio', 'video']);
/** Granted on request. 'media' is camera + microphone (and display capture before Electron 45); 'display-capture' is getDisplayMedia from Electron 45. */
const REQUESTABLE: ReadonlySet<string> = new Set(['media', 'display-capture', 'clipboard-sanitized-write', 'notifications']);
/** Answered true on check (device labels, permissions.query, clipboard, Notification.permission). */
const CHECKABLE: ReadonlySet<string> = new Set(['media', 'clipboard-sanitized-write', 'notifications']);

/** Decides a permission request. */
export function allowPermissionRequest(permission: string, details: RequestDetailsLike): boolean {
  if (!REQUESTABLE.has(permission)) return false;
  if (!isAppUrl(details.requestingUrl)) return false;
  if (details.isMainFrame === false) return false;
  if (permission === 'media') {
    const types = details.mediaTypes ?? [];
    // Electron before 45 asks for getDisplayMedia() as 'media' with no media types (only device
    // capture is mapped to 'audio'/'video'); from 45 on it asks for 'display-capture' instead. Both
    // are only the first gate: the display-media handler still checks the origin and lets the user
    // pick what is shared.
    if (types.length === 0) return isDisplayCaptureRequest(permission, details);
    return types.every((t) => MEDIA_TYPES.has(t));
  }
  return true;
}

/** True for a getDisplayMedia() permission request in the shape of Electron 41 or of Electron 45+. */
export function isDisplayCaptureRequest(permission: string, details: RequestDetailsLike): boolean {
  if (permission === 'display-capture') return true;
  return permission === 'media' && details.mediaTypes !== undefined && details.mediaTypes.length === 0;
}

/** Decides a permission check. */
export function allowPermissionCheck(permission: string, requestingOrigin: string, details: CheckDetailsLike): boolean {
  if (!CHECKABLE.has(permission)) return false;
  if (!isAppOrigin(requestingOrigin)) return false;
  if (details.requestingUrl !== undefined && !isAppUrl(details.requestingUrl)) return false;
  // Device enumeration checks with mediaType 'unknown'; a check never starts a capture by itself.
  if (permission === 'media' && details.mediaType !== undefined) return MEDIA_TYPES.has(details.mediaType) || details.mediaType === 'unknown';
  return true;
}

/** Work to do before a granted camera/microphone request is answered (macOS asks the user here). */
export type BeforeDeviceGrant = (mediaTypes: readonly string[]) => Promise<void>;

/** Installs both handlers on a session. */
export function installPermissionHandlers(session: PermissionSessionPort, beforeDeviceGrant: BeforeDeviceGrant = async () => {}): void {
  session.setPermissionRequestHandler((_wc, permission, callback, details) => {
    const allowed = allowPermissionRequest(permission, details);
    const devices = details.mediaTypes ?? [];
    if (!allowed || permission !== 'media' || devices.length === 0) {
      callback(allowed);
      return;
    }
    beforeDeviceGrant(devices).then(
      () => callback(true),
      () => callback(true),
    );
  });
  session.setPermissionCheckHandler((_wc, permission, origin, details) => allowPermissionCheck(permission, origin, details));
}
