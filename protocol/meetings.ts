/**
 * Meetings: unguessable ids, the host role, the waiting room and the host's actions. The meeting
 * id is the room name on the wire (it passes roomNameSchema), so everything keyed by room keeps working.
 */
import { z } from 'zod';
import { participantIdSchema } from './schemas';

/** Meeting ids: five groups of four from a 32-letter alphabet without look-alikes (no l, o, 0, 1): 100 random bits, easy to read aloud. */
export const MEETING_ID_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';
export const MEETING_ID_PATTERN = /^[a-km-np-z2-9]{4}(?:-[a-km-np-z2-9]{4}){4}$/;

export const roleSchema = z.enum(['host', 'cohost', 'guest']);
/** host: every action, roles included; cohost: every action but roles and ending the meeting; guest: none. */
export type Role = z.infer<typeof roleSchema>;

/** What the host sets; everyone in the call is told when it changes. */
export interface MeetingSettings {
  waitingRoom: boolean;
  locked: boolean;
  /** A passcode is asked for a session (its value never leaves the server). */
  passcode: boolean;
}

/** Someone in the waiting room, as the hosts see them. `id` is their session's user id. */
export interface WaitingEntry {
  id: string;
  name: string;
  /** When they knocked, ms since the epoch. */
  at: number;
}

export const passcodeSchema = z.string().min(4, 'passcodes are 4-32 characters').max(32, 'passcodes are 4-32 characters');

/** Body of `POST /api/meetings`. */
export const createMeetingRequestSchema = z.strictObject({
  waitingRoom: z.boolean().optional(),
  passcode: passcodeSchema.optional(),
});

/** Answer of `POST /api/meetings`: the id, and the key that makes its holder a host (kept by the creator's browser). */
export interface CreateMeetingResponse {
  meeting: string;
  hostKey: string;
  settings: MeetingSettings;
}

const userIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, 'not a user id');

export const admitRequestSchema = z.union([z.strictObject({ ids: z.array(userIdSchema).min(1).max(100) }), z.strictObject({ all: z.literal(true) })]);
export const denyRequestSchema = z.strictObject({ ids: z.array(userIdSchema).min(1).max(100) });
export const hostMuteRequestSchema = z.strictObject({ id: participantIdSchema, kind: z.enum(['mic', 'camera']) });
export const hostRemoveRequestSchema = z.strictObject({ id: participantIdSchema });
export const hostSettingsRequestSchema = z
  .strictObject({ waitingRoom: z.boolean().optional(), locked: z.boolean().optional() })
  .refine((p) => Object.keys(p).length > 0, 'empty update');
export const hostRoleRequestSchema = z.strictObject({ id: participantIdSchema, role: roleSchema });
