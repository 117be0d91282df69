/** The cluster-sfu section's targets: the one place their limits live. */

/** A room's Janus SIGKILLed: until every page receives video and audio from both others through the other Janus, ms (every kill). */
export const JANUS_KILL_TARGET_MS = 3000;
/** A signaling node SIGKILLed during an SFU call: the largest tile freeze on any page, ms (every kill). */
export const NODE_KILL_FREEZE_TARGET_MS = 1000;
/** A large room (N-1 cheap publishers and one page): the page's downlink against the ideal (its page's videos and the speakers' audio), ratio, largest over the sizes. */
export const LARGE_ROOM_DOWNLINK_RATIO = 1.2;
/** The same page's decoded frames per second against its page's videos at the publishers' frame rate, ratio. */
export const LARGE_ROOM_DECODE_RATIO = 1.1;
