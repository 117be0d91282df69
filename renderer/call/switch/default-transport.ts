/** The production transport: mesh or SFU as the server says, switching live (loaded lazily by the Room). */
import type { Topology } from '../../../protocol';
import type { MediaTransport } from '../api';
import { createMeshTransport } from '../mesh/default-transport';
import type { TransportContext } from '../room-types';
import { JanusTransport } from '../sfu/janus-transport';
import { sfuPortOver } from '../sfu/sfu-port';
import { browserReadiness } from './readiness';
import { SwitchingTransport } from './switching-transport';

/** Creates the call's transport: it starts on the room's topology and follows the server's switches. */
export function createCallTransport(ctx: TransportContext): MediaTransport {
  const port = sfuPortOver(ctx.signaling);
  const create = (mode: Topology, tileSizes: ReadonlyMap<string, readonly [number, number]>, sending: boolean): MediaTransport => {
    // Each path starts with the tracks we send now (mute, camera off carry across).
    const local = ctx.currentTracks();
    if (mode === 'mesh') return createMeshTransport({ ...ctx, local });
    const sfu = new JanusTransport({ selfId: ctx.selfId, iceServers: ctx.iceServers, iceTransportPolicy: ctx.iceTransportPolicy, local, port, sending, adaptDownlink: ctx.adaptation });
    // Before start(): its first subscription asks for the layers these tiles need.
    for (const [id, [w, h]] of tileSizes) sfu.setTileSize(id, w, h);
    sfu.start().catch((e: unknown) => console.warn('SFU transport did not start', e));
    return sfu;
  };
  return new SwitchingTransport({ initial: ctx.topology, create, port, ready: browserReadiness });
}
