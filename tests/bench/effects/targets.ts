/** The effects section's targets: the one place their limits live (report.ts judges, README shows them from the results). */

/** Per-frame time of the blur pipeline at full quality / bare MediaPipe inference, medians, per resolution. */
export const PIPELINE_TARGET = 1.3;
/** Chromium CPU in the lobby, blur on / off. */
export const CPU_TARGET = 1.5;
/** Largest output frame gap (ms) in the 3 s after the pipeline is ready, as shipped: what the far side sees when the effect goes on. */
export const START_GAP_TARGET_MS = 300;
