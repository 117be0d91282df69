/** The noise section's targets: the one place their limits live. */

/** CPU per second of audio, through the product's framing code / bare RNNoise inference on the same audio (medians). */
export const CPU_RATIO_TARGET = 1.2;
/**
 * Added audio delay, in ms, judged twice: what the suppressor's own code adds (framing 128-sample
 * quanta into RNNoise's 480-sample frames: the product's output against bare RNNoise's), and the
 * whole suppressor input to output, RNNoise's own algorithmic delay included (20 ms in the 0.2
 * build, which no framing can remove; so the second misses until the model does).
 */
export const LATENCY_TARGET_MS = 20;
