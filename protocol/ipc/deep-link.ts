/** Deep-link channel: main asks the renderer to join a room (only sent while a call is running). */
import { z } from 'zod';
import { ROOM_NAME_PATTERN } from '../limits';

export const DeepLinkChannels = {
  /** main → renderer: a link asked to join this room. */
  join: 'confer:deep-link:join',
} as const;

/** The URL scheme registered with the OS: `confer://join/<room>`. */
export const DEEP_LINK_SCHEME = 'confer';

export const JoinRequestSchema = z.object({ room: z.string().regex(ROOM_NAME_PATTERN) }).strict();
export type JoinRequest = z.infer<typeof JoinRequestSchema>;
