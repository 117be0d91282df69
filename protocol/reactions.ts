/** Reactions: a small fixed set of emoji a participant sends to the room (relayed, never stored). */
import { z } from 'zod';

/** Every emoji a reaction may carry, in the order the menu shows them. */
export const REACTIONS = ['👍', '👏', '😂', '😮', '❤️', '🎉'] as const;
export type ReactionEmoji = (typeof REACTIONS)[number];

/** `reaction:send`: one emoji of the set, nothing else (the sender is the server's to say). */
export const reactionSendRequestSchema = z.strictObject({ emoji: z.enum(REACTIONS) });

/** `reaction:sent`: who reacted (their participant id, from the server) and with what. */
export interface Reaction {
  from: string;
  emoji: ReactionEmoji;
}
