/** The join section's targets: the one place their limits live (the section judges, README shows them from the results). */
export const JOIN_TARGETS = {
  /** 2-person mesh join to first remote frame, product / two bare RTCPeerConnections, medians at the joiner. */
  meshJoinRatio: 1.3,
} as const;
