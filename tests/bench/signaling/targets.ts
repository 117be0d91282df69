/** The signaling section's targets: the one place their limits live (section.ts judges, README shows them from the results). */
export const SIGNALING_TARGETS = {
  /** Relay throughput, product on 1 node / bare Socket.IO echo (the lower of msg/s and msg/s per server core). */
  throughputVsBare: 0.5,
  /** Relay latency p99 on 1 node, ms. */
  p99Ms: 10,
  /** Relay latency p50, 2 nodes through Redis / 1 node. */
  p50TwoNodesVsOne: 1.5,
  /** A client back in its room after its node got SIGKILL, every kill, ms. */
  backMs: 3000,
} as const;
