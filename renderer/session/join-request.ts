/**
 * What to do with a room link (`confer://join/<room>`) that the desktop app passes on. A link
 * from another program must never pull the user out of a call without asking.
 */
import { roomNameProblem } from '../ui/lib/route';
import { text } from '../i18n/text';
import type { SessionPhase } from './session-types';

export type JoinRequestDecision =
  /** The link is unusable: tell the user why; nothing else changes. */
  | { kind: 'invalid'; message: string }
  /** Already where the link points (its lobby, or its call): nothing to do. */
  | { kind: 'stay' }
  /** This page's room, after its call ended: open its lobby again. */
  | { kind: 'reopen' }
  /** Not in a call: open the other room's lobby. */
  | { kind: 'open'; room: string }
  /** In a call: ask "Leave this call and join <room>?" first. */
  | { kind: 'ask'; room: string };

/** Decides what a link to `requested` does while this page shows `current` in `phase`. */
export function decideJoinRequest(current: { roomName: string; phase: SessionPhase }, requested: unknown): JoinRequestDecision {
  if (typeof requested !== 'string') return { kind: 'invalid', message: text('meeting.linkNoRoom') };
  const problem = roomNameProblem(requested);
  if (problem) return { kind: 'invalid', message: text('meeting.linkInvalid', { problem }) };
  if (requested === current.roomName) return current.phase === 'ended' ? { kind: 'reopen' } : { kind: 'stay' };
  return current.phase === 'call' ? { kind: 'ask', room: requested } : { kind: 'open', room: requested };
}
