/** The network section's targets: the one place their limits live. */

/** Ana's access link caps, bits per second, applied in this order (high to low) during one call. */
export const CAPS_BPS = [3_000_000, 1_000_000, 300_000] as const;
/** One-way delay added to each direction of the capped link, ms. */
export const LINK_DELAY_MS = 50;
/** Share of what the call can use under a cap: sent / min(cap, what the same call sends uncapped). */
export const SHARE_OF_CAP_TARGET = 0.8;
/**
 * On the uncapped link: what the call sends with the adaptation on, against the same call with the
 * browser alone (a policy that holds a good link's video down, as a camera paused on a busy
 * machine's low estimate did, 51 against 335 kbit/s, shows here).
 */
export const UNCAPPED_SHARE_TARGET = 0.8;
/** Loss on the capped uplink, as the far side reports it (RTCP), percent. */
export const LOSS_TARGET_PERCENT = 2;
/** Link cuts, seconds, and the time within which media must be back after each, ms. */
export const CUTS: readonly (readonly [number, number])[] = [
  [3, 5000],
  [10, 5000],
  [30, 10_000],
];
