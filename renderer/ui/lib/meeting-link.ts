/** What the start page's "join" field accepts: a meeting link, or its id (or, where the server allows, a room name). */
import { MEETING_ID_PATTERN } from '../../../protocol/meetings';
import { roomNameProblem } from './route';
import { text as message } from '../../i18n/text';

/** The meeting (room) a pasted link or typed id names, or the problem with it. */
export function meetingFromInput(input: string): { room: string } | { problem: string } {
  const text = input.trim();
  if (!text) return { problem: message('start.linkEmpty') };
  const fromLink = /\/room\/([^/?#]+)/.exec(text) ?? /^confer:\/\/join\/([^/?#]+)/.exec(text);
  let room = text;
  if (fromLink) {
    try {
      room = decodeURIComponent(fromLink[1]!);
    } catch {
      return { problem: message('start.linkDamaged') };
    }
  }
  // IDs are read aloud: accept spaces, capitals and missing dashes.
  const compact = room.toLowerCase().replace(/[\s-]/g, '');
  if (/^[a-z0-9]{20}$/.test(compact)) {
    const id = compact.match(/.{4}/g)!.join('-');
    if (MEETING_ID_PATTERN.test(id)) return { room: id };
  }
  const problem = roomNameProblem(room);
  return problem ? { problem } : { room };
}
