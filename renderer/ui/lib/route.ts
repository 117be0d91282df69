import { ROOM_NAME_PATTERN, Limits } from '../../../protocol/limits';
import { text } from '../../i18n/text';

/** The page a path shows. */
export type Route = { kind: 'start' } | { kind: 'settings' } | { kind: 'room'; name: string } | { kind: 'invalidRoom'; name: string } | { kind: 'notFound' };

export function parseRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/' || path === '/index.html') return { kind: 'start' };
  if (path === '/settings') return { kind: 'settings' };
  const m = /^\/room\/([^/]+)$/.exec(path);
  if (!m) return { kind: 'notFound' };
  let name: string;
  try {
    name = decodeURIComponent(m[1]);
  } catch {
    return { kind: 'invalidRoom', name: m[1] };
  }
  return roomNameProblem(name) ? { kind: 'invalidRoom', name } : { kind: 'room', name };
}

/** The settings page (in the desktop app, its own window opens it with ?window=settings). */
export const SETTINGS_PATH = '/settings';

export function roomPath(name: string): string {
  return `/room/${encodeURIComponent(name)}`;
}

/** Why a room name would be refused by the server, or null when it is fine. */
export function roomNameProblem(name: string): string | null {
  if (name.length === 0) return text('start.roomNameEmpty');
  if (name.length > Limits.maxRoomNameLength) return text('start.roomNameLong', { max: Limits.maxRoomNameLength });
  if (!ROOM_NAME_PATTERN.test(name)) {
    return text('start.roomNameChars');
  }
  return null;
}
