/** The production transport factory: loaded lazily by the Room so unit tests never load simple-peer. */
import type { MediaTransport } from '../api';
import type { TransportContext } from '../room-types';
import { MeshTransport } from './mesh-transport';
import { createSimplePeer } from './peer-factory';

/** Creates the mesh transport with real simple-peer instances. */
export function createMeshTransport(ctx: TransportContext): MediaTransport {
  return new MeshTransport({
    selfId: ctx.selfId,
    selfJoinedAt: ctx.selfJoinedAt,
    iceServers: ctx.iceServers,
    iceTransportPolicy: ctx.iceTransportPolicy,
    local: ctx.local,
    createPeer: createSimplePeer,
  });
}
