/** The recording section's targets: the one place their limits live. */

/** Compose wall time / recorded duration with 4 camera tiles of 640x360 (the product's composer, as shipped). */
export const COMPOSE_RATIO_TARGET = 0.25;
/** The tile count the target is judged at. */
export const TARGET_TILES = 4;
/** A beep at most this far from its flash, either way (the broadcast detectability threshold); the e2e holds the whole chain to it. */
export const AV_OFFSET_TARGET_MS = 45;
