/** The SFU section's targets: the one place their limits live (report.ts judges, README shows them from the results). */

/** Largest interval between decoded frames of any remote tile across a mesh <-> SFU switch, ms. */
export const GAP_TARGET_MS = 200;
/** Join to first remote frame in a 5-person SFU room, product / two bare RTCPeerConnections, medians. */
export const JOIN_RATIO_TARGET = 2.0;
/** The 5th join to every page receiving via Janus only, old path closed: median over the cycles, ms. */
export const TO_SFU_TARGET_MS = 5000;
