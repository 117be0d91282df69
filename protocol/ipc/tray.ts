/** Tray channels: the renderer reports the call state, the tray menu sends actions back. */
import { z } from 'zod';

export const TrayChannels = {
  /** renderer → main (send): in a call? muted? */
  state: 'confer:tray:state',
  /** main → renderer: the user picked a call action in the tray menu. */
  action: 'confer:tray:action',
} as const;

/** `sharing`: the user shares a window or screen (the tray offers to stop it); optional for older renderers. */
/** `waiting`: people in the meeting's waiting room, for a host (the tray says so, and a new knock raises an OS notification). */
/** `recording`: the meeting is being recorded (the tray says so for the whole call). */
export const CallStateSchema = z
  .object({ inCall: z.boolean(), muted: z.boolean(), sharing: z.boolean().optional(), waiting: z.number().int().min(0).max(1000).optional(), recording: z.boolean().optional() })
  .strict();
export type CallState = z.infer<typeof CallStateSchema>;

/**
 * Call actions from the tray menu and the global shortcuts (main/shortcuts): `push-to-talk-start`
 * unmutes a muted microphone, `push-to-talk-end` mutes it again if the start unmuted it.
 */
export const TrayActionSchema = z.object({ action: z.enum(['toggle-mute', 'stop-share', 'leave', 'push-to-talk-start', 'push-to-talk-end']) }).strict();
export type TrayAction = z.infer<typeof TrayActionSchema>['action'];
