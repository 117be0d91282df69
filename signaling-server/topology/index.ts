export { holdDownFromEnv, systemClock, TopologyManager } from './topology';
export type { AdmitDecision, ChangeReason, Clock, RoomTopology, Topology, TopologyOptions } from './topology';
