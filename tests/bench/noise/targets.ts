/** The noise section's targets: the one place their limits live. */

/** CPU per second of audio, through the product's framing code / bare RNNoise inference on the same audio (medians). */
export const CPU_RATIO_TARGET = 1.2;
/**
 * Audio delay the suppressor's own code adds (framing 128-sample quanta into RNNoise's 480-sample
 * frames), in ms: the product's output against bare RNNoise's on the same audio. RNNoise's own
 * algorithmic delay (20 ms in the 0.2 build) comes on top and is printed, not judged: no framing
 * can remove it.
 */
export const LATENCY_TARGET_MS = 20;
