/** A MediaTransport that records calls, so the Room runs in jest without WebRTC. */
import type { IceServer, PeerSignalData, Topology } from '../../../protocol';
import type { LocalTracks, MediaTransport, MediaTransportEvents, PeerConnectionState } from '../api';
import { Emitter } from '../emitter';
import type { TransportContext } from '../room-types';
import { stream } from './fake-media';
import { FakeSignaling } from './fake-signaling';

export class FakeTransport extends Emitter<MediaTransportEvents> implements MediaTransport {
  readonly peers = new Set<string>();
  readonly added: string[] = [];
  readonly removed: string[] = [];
  readonly signals: { from: string; data: PeerSignalData }[] = [];
  readonly replaced: { kind: 'audio' | 'video'; track: MediaStreamTrack | null }[] = [];
  readonly local: LocalTracks;
  /** Every setShare call, in order. */
  readonly shares: (MediaStream | null)[] = [];
  /** Every switchTo call, in order. */
  readonly switches: Topology[] = [];
  /** networkChanged() calls. */
  networkChanges = 0;
  /** Every prewarm call, in order. */
  readonly prewarms: boolean[] = [];
  /** Every setSending call, in order; `sending` is the last one's value. */
  readonly sendings: boolean[] = [];
  sending = true;
  /** Every setTileSize call, in order. */
  readonly tileSizes: { peerId: string; width: number; height: number }[] = [];
  /** The ICE servers of every setIceServers call, in order. */
  readonly iceUpdates: IceServer[][] = [];
  closed = false;
  /** Set by a test: a switch runs both paths. */
  switching = false;

  /** `kind`: which path this fake stands for (the Room's transports are mesh unless a test says otherwise). */
  constructor(
    readonly ctx: TransportContext,
    readonly kind: Topology = 'mesh',
  ) {
    super();
    this.local = { ...ctx.local };
  }

  addPeer(peerId: string, _joinedAt?: number): void {
    this.added.push(peerId);
    this.peers.add(peerId);
  }
  removePeer(peerId: string): void {
    this.removed.push(peerId);
    this.peers.delete(peerId);
  }
  handleSignal(from: string, data: PeerSignalData): void {
    this.signals.push({ from, data });
  }
  async replaceTrack(kind: 'audio' | 'video', track: MediaStreamTrack | null): Promise<void> {
    this.replaced.push({ kind, track });
    this.local[kind] = track;
  }
  async setShare(share: MediaStream | null): Promise<void> {
    this.shares.push(share);
  }
  getPeerConnection(): RTCPeerConnection | null {
    return null;
  }
  sendingConnections(): RTCPeerConnection[] {
    return [];
  }
  setIceServers(iceServers: IceServer[]): void {
    this.iceUpdates.push(iceServers);
  }
  switchTo(mode: Topology): void {
    this.switches.push(mode);
  }
  networkChanged(): void {
    this.networkChanges++;
  }
  prewarm(on: boolean): void {
    this.prewarms.push(on);
  }
  async setSending(on: boolean): Promise<void> {
    this.sendings.push(on);
    this.sending = on;
  }
  setTileSize(peerId: string, width: number, height: number): void {
    this.tileSizes.push({ peerId, width, height });
  }
  close(): void {
    this.closed = true;
    this.peers.clear();
  }

  /** Test helpers: pretend the network did something. */
  fakeStream(peerId: string, stream: MediaStream): void {
    this.emit('stream', peerId, stream);
  }
  fakeShare(peerId: string, stream: MediaStream | null): void {
    this.emit('share', peerId, stream);
  }
  fakeState(peerId: string, state: PeerConnectionState): void {
    this.emit('peerState', peerId, state);
  }
  fakeSignal(to: string, data: PeerSignalData): void {
    this.emit('signal', to, data);
  }
}

/** A transportFactory that keeps every transport it made (the last one is the current). */
export function fakeTransportFactory() {
  const made: FakeTransport[] = [];
  const factory = (ctx: TransportContext) => {
    const t = new FakeTransport(ctx);
    made.push(t);
    return t;
  };
  return { factory, made, last: () => made[made.length - 1] };
}

/** A context for a transport made outside a Room (the Room makes its own): no tracks, fake signaling. */
export function fakeTransportContext(topology: Topology = 'mesh'): TransportContext {
  const local: LocalTracks = { audio: null, video: null, stream: stream() };
  return { selfId: 'me-000001', selfJoinedAt: 0, iceServers: [], local, topology, signaling: new FakeSignaling(), currentTracks: () => local, adaptation: true };
}
