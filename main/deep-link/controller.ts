/**
 * What happens when a link arrives: outside a call the window simply opens the room's lobby;
 * during a call the renderer is asked (it may confirm before leaving the current call), so a link
 * from another program can never silently pull the user out of a call.
 */
import { APP_ORIGIN } from '../security/origin';
import type { DeepLinkOptions } from './parse';
import { findLinkInArgv, parseDeepLink } from './parse';

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

/** Handles one link (from open-url) or an argv (from second-instance); false when nothing matched. */
export function createDeepLinkController(deps: DeepLinkDeps) {
  function join(room: string): void {
    if (deps.isInCall()) deps.askRenderer(room);
    else deps.openUrl(roomUrl(room));
  }
  return {
    handleUrl(raw: unknown): boolean {
      const parsed = parseDeepLink(raw, deps.options());
      if (!parsed) {
        deps.warn('ignored a link that is not a Confer room link');
        return false;
      }
      join(parsed.room);
      return true;
    },
    handleArgv(argv: readonly string[]): boolean {
      const parsed = findLinkInArgv(argv, deps.options());
      if (parsed) join(parsed.room);
      return parsed !== null;
    },
  };
}
