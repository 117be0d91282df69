/**
 * What happens when a link arrives: outside a call the window simply opens the room's lobby;
 * during a call the renderer is asked (it may confirm before leaving the current call), so a link
 * from another program can never silently pull the user out of a call.
 */
import { APP_ORIGIN } from '../security/origin';
import type { DeepLinkOptions } from './parse';
import { findLinkInArgv, parseDeepLink } from './parse';
import type { LinkInput } from './inbox';

export interface DeepLinkDeps {
  options(): DeepLinkOptions;
  isInCall(): boolean;
  /** Loads an app:// URL in the window (and shows it). */
  openUrl(url: string): void;
  /** Sends the join request to the renderer. */
  askRenderer(room: string): void;
  warn(message: string): void;
}

/** The app:// page of a room's lobby. */
export function roomUrl(room: string): string {
  return `${APP_ORIGIN}/room/${encodeURIComponent(room)}`;
}

/** Handles links from open-url and from a second instance's argv. */
export function createDeepLinkController(deps: DeepLinkDeps) {
  function join(room: string): void {
    if (deps.isInCall()) deps.askRenderer(room);
    else deps.openUrl(roomUrl(room));
  }
  function roomOf(input: LinkInput): string | null {
    const parsed = input.kind === 'url' ? parseDeepLink(input.url, deps.options()) : findLinkInArgv(input.argv, deps.options());
    return parsed ? parsed.room : null;
  }
  return {
    /** The room a link asks for, or null when it is not a Confer room link. */
    roomOf,
    /** Acts on a link from open-url or a second instance's argv; false when nothing matched. */
    handle(input: LinkInput): boolean {
      const room = roomOf(input);
      if (room === null) {
        if (input.kind === 'url') deps.warn('ignored a link that is not a Confer room link');
        return false;
      }
      join(room);
      return true;
    },
  };
}
