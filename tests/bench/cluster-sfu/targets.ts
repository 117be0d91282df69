/** The cluster-sfu section's targets: the one place their limits live. */

/** A room's Janus SIGKILLed: until every page receives video and audio from both others through the other Janus, ms (every kill). */
export const JANUS_KILL_TARGET_MS = 3000;
/** A signaling node SIGKILLed during an SFU call: the largest tile freeze on any page, ms (every kill). */
export const NODE_KILL_FREEZE_TARGET_MS = 1000;
