/**
 * The page the window opens with. A link that arrived during start-up decides it, so the window
 * loads the room once: loading the start page and then the room aborted the first load, whose
 * rejection went unhandled.
 */
import { APP_START_URL } from '../security/origin';
import { roomUrl } from './controller';
import type { LinkInput } from './inbox';

/** The room of the latest link among `early` (the user's last click wins), else the start page. */
export function startPageUrl(early: readonly LinkInput[], roomOf: (input: LinkInput) => string | null): string {
  let room: string | null = null;
  for (const input of early) room = roomOf(input) ?? room;
  return room ? roomUrl(room) : APP_START_URL;
}
