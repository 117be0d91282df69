/** Mesh topology: one simple-peer per remote participant; the later joiner offers (see isInitiator). */
import { withOpusFecDtx } from '../sdp-fmtp';
import type { IceServer, PeerSignalData, Topology } from '../../../protocol';
import type { LocalTracks, MediaTransport, MediaTransportEvents } from '../api';
import { Emitter } from '../emitter';
import { isInitiator, sdpSessionId, type PeerFactory } from './peer';
import { PeerLink, type MediaKind } from './peer-link';
import { ConnectDeadlines } from './connect-deadline';
import { MeshShare } from './mesh-share';
import { watchNetwork } from '../ice-restart';

export interface MeshTransportOptions {
  selfId: string;
  /** Our server join time; with each peer's, it picks the offering side. */
  selfJoinedAt?: number;
  iceServers: IceServer[];
  /** 'relay' forces media through TURN (server policy); default 'all'. */
  iceTransportPolicy?: RTCIceTransportPolicy;
  local: LocalTracks;
  createPeer: PeerFactory;
  /** Fresh peers tried after a failure before the tile shows 'failed' (reset once connected). */
  maxRestarts?: number;
  /** Delay before the initiator re-offers, times the attempt number: lets the other side notice the loss first. */
  restartDelayMs?: number;
  /** How long the answering side waits for a fresh offer after a loss. */
  reofferTimeoutMs?: number;
  /**
   * Longest time a peer may stay unconnected (from its first attempt or from a loss) before the
   * tile shows 'failed', whatever restarts are left: with no network path every attempt fails
   * slowly, and a user must not watch a spinner for minutes.
   */
  connectTimeoutMs?: number;
  /** Subscribes to the machine's network changes (default: online / navigator.connection change). */
  watchNetwork?: (onChange: () => void) => () => void;
}

/** Signals kept per unknown peer (and unknown peers kept) until addPeer; bounds memory against junk. */
const MAX_PENDING_SIGNALS = 200;
const MAX_PENDING_PEERS = 32;

/** MediaTransport over a full mesh of simple-peer connections. */
export class MeshTransport extends Emitter<MediaTransportEvents> implements MediaTransport {
  readonly kind = 'mesh' as const;
  /** One path only: switches are SwitchingTransport's. */
  readonly switching = false;
  private readonly links = new Map<string, PeerLink>();
  /** Peers added, with their join times. */
  private readonly known = new Map<string, number>();
  private readonly pending = new Map<string, PeerSignalData[]>();
  private readonly restarts = new Map<string, number>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly deadlines: ConnectDeadlines;
  private iceServers: IceServer[];
  private readonly local: LocalTracks;
  private readonly shares = new MeshShare({
    signal: (to, data) => this.emit('signal', to, data),
    camera: (id, stream) => this.emit('stream', id, stream),
    share: (id, stream) => this.emit('share', id, stream),
  });
  private closed = false;
  private readonly unwatchNetwork: () => void;

  constructor(private readonly opts: MeshTransportOptions) {
    super();
    this.local = { ...opts.local };
    this.iceServers = opts.iceServers;
    this.deadlines = new ConnectDeadlines(opts.connectTimeoutMs ?? 25_000);
    this.unwatchNetwork = (opts.watchNetwork ?? watchNetwork)(() => this.networkChanged());
  }

  addPeer(peerId: string, joinedAt = 0): void {
    if (this.closed || this.known.has(peerId) || peerId === this.opts.selfId) return;
    this.known.set(peerId, joinedAt);
    // The answering side also creates its peer now: it just waits for the offer.
    this.createLink(peerId);
    const early = this.pending.get(peerId) ?? [];
    this.pending.delete(peerId);
    for (const data of early) this.handleSignal(peerId, data);
  }

  removePeer(peerId: string): void {
    this.known.delete(peerId);
    this.pending.delete(peerId);
    this.restarts.delete(peerId);
    this.clearTimer(peerId);
    this.deadlines.clear(peerId);
    this.shares.forget(peerId);
    this.links.get(peerId)?.destroy();
    this.links.delete(peerId);
  }

  handleSignal(from: string, data: PeerSignalData): void {
    if (this.closed) return;
    if (!this.known.has(from)) return this.buffer(from, data);
    if (data.type === 'share') return this.shares.announce(from, data.stream);
    let link = this.links.get(from);
    if (data.type === 'offer' && !this.initiates(from)) {
      const sid = sdpSessionId(data.sdp);
      // A new session id means the offerer recreated its peer: answer with a fresh one too.
      if (link && link.remoteSessionId && sid && sid !== link.remoteSessionId) link = this.createLink(from);
      if (!link) link = this.createLink(from);
      link.remoteSessionId = sid;
    }
    if (data.type === 'answer' && link && this.initiates(from)) {
      const sid = sdpSessionId(data.sdp);
      // An answer from a new session: the other side lost its connection (ICE failed there first,
      // after a long cut) and answered our ICE restart with a fresh one, whose DTLS cannot join ours.
      // Start over with a fresh peer, as after our own loss.
      if (link.remoteSessionId && sid && sid !== link.remoteSessionId) return this.onLost(from, link, 'the other side started a new connection');
      link.remoteSessionId = sid;
    }
    link?.signal(data);
  }

  async replaceTrack(kind: MediaKind, track: MediaStreamTrack | null): Promise<void> {
    this.local[kind] = track;
    const ops = [...this.links.entries()].map(([id, link]) =>
      link.replaceTrack(kind, track).catch((err: unknown) => console.warn(`replaceTrack(${kind}) on ${id} failed`, err)),
    );
    await Promise.all(ops);
  }

  /** Sends our screen share to every peer (and to peers that come later), or stops it. */
  setShare(share: MediaStream | null): Promise<void> {
    return this.shares.setLocal(share, this.links);
  }

  getPeerConnection(peerId: string): RTCPeerConnection | null {
    return this.links.get(peerId)?.peer._pc ?? null;
  }

  sendingConnections(): RTCPeerConnection[] {
    return [...this.links.values()].map((l) => l.peer._pc);
  }

  /** Fresh TURN credentials: used by new peers, and by live ones for their next gathering. */
  setIceServers(iceServers: IceServer[]): void {
    this.iceServers = iceServers;
    for (const [id, link] of this.links) {
      try {
        link.peer._pc.setConfiguration({ ...link.peer._pc.getConfiguration(), iceServers });
      } catch (err) {
        console.warn(`new ICE servers not applied to ${id}`, err);
      }
    }
  }

  networkChanged(): void {
    for (const link of this.links.values()) link.networkChanged();
  }

  /**
   * No-op: a mesh transport only ever is a mesh. Moving to the SFU is the job of
   * SwitchingTransport, which starts a second transport beside this one and closes this one after.
   */
  switchTo(_mode: Topology): void {}

  /** No-op: a warm SFU path is the switching transport's, kept beside a mesh transport. */
  prewarm(_on: boolean): void {}

  /** No-op: a mesh path is never held idle (it is closed when the room leaves mesh). */
  async setSending(_on: boolean): Promise<void> {}

  /** No-op: each mesh peer receives the one encoding its sender makes; there is no layer to choose. */
  setTileSize(_peerId: string, _width: number, _height: number): void {}

  close(): void {
    this.closed = true;
    this.unwatchNetwork();
    for (const id of [...this.known.keys()]) this.removePeer(id);
    this.pending.clear();
  }

  private initiates(peerId: string): boolean {
    const self = { id: this.opts.selfId, joinedAt: this.opts.selfJoinedAt ?? 0 };
    return isInitiator(self, { id: peerId, joinedAt: this.known.get(peerId) ?? 0 });
  }

  private buffer(from: string, data: PeerSignalData): void {
    const queue = this.pending.get(from) ?? [];
    if (!this.pending.has(from) && this.pending.size >= MAX_PENDING_PEERS) return;
    if (queue.length >= MAX_PENDING_SIGNALS) return;
    queue.push(data);
    this.pending.set(from, queue);
  }

  /** Creates (or replaces) the link to a peer with the current local tracks. */
  private createLink(peerId: string): PeerLink {
    this.clearTimer(peerId);
    this.links.get(peerId)?.destroy();
    const initiator = this.initiates(peerId);
    // max-bundle: one transport for audio, video and data from the start, so ICE gathers and checks
    // one set of candidates instead of one per m-line (faster connection set-up).
    const config: RTCConfiguration = { iceServers: this.iceServers, bundlePolicy: 'max-bundle' };
    if (this.opts.iceTransportPolicy) config.iceTransportPolicy = this.opts.iceTransportPolicy;
    const peer = this.opts.createPeer({ initiator, trickle: true, config, sdpTransform: withOpusFecDtx });
    const link = new PeerLink(peer, initiator, () => this.local.stream);
    this.links.set(peerId, link);
    link.on('signal', (data) => this.emit('signal', peerId, data));
    link.on('stream', (stream) => this.shares.route(peerId, stream));
    link.on('state', (state) => {
      if (state === 'connected') this.restarts.set(peerId, 0);
      if (state === 'connected') this.deadlines.clear(peerId);
      this.emit('peerState', peerId, state);
    });
    link.on('lost', (reason) => this.onLost(peerId, link, reason));
    link.on('stalled', () => this.emit('pathStalled', peerId));
    this.deadlines.arm(peerId, () => this.giveUp(peerId));
    link.addInitialTracks(this.local);
    this.shares.linkCreated(peerId, link);
    this.emit('peerState', peerId, 'connecting');
    return link;
  }

  private onLost(peerId: string, link: PeerLink, reason: string): void {
    if (this.links.get(peerId) !== link) return;
    console.info(`connection to ${peerId} lost (${reason}): starting a new one`);
    link.destroy();
    this.links.delete(peerId);
    const attempts = this.restarts.get(peerId) ?? 0;
    if (attempts >= (this.opts.maxRestarts ?? 3)) {
      console.warn(`peer ${peerId} failed (${reason}); giving up after ${attempts} restarts`);
      this.deadlines.clear(peerId);
      this.emit('peerState', peerId, 'failed');
      return;
    }
    this.deadlines.arm(peerId, () => this.giveUp(peerId));
    this.restarts.set(peerId, attempts + 1);
    this.emit('peerState', peerId, 'reconnecting');
    if (link.initiator) {
      // simple-peer 9 has no ICE restart: the offering side starts over with a fresh peer.
      this.setTimer(peerId, (this.opts.restartDelayMs ?? 1000) * (attempts + 1), () => this.createLink(peerId));
    } else {
      this.setTimer(peerId, this.opts.reofferTimeoutMs ?? 30_000, () => this.emit('peerState', peerId, 'failed'));
    }
  }

  /** The connect deadline passed: stop trying (a fresh offer from the other side may still revive it). */
  private giveUp(peerId: string): void {
    if (this.closed || !this.known.has(peerId) || this.links.get(peerId)?.connected) return;
    this.clearTimer(peerId);
    this.links.get(peerId)?.destroy();
    this.links.delete(peerId);
    this.emit('peerState', peerId, 'failed');
  }

  private setTimer(peerId: string, ms: number, fn: () => void): void {
    this.clearTimer(peerId);
    this.timers.set(peerId, setTimeout(() => {
      this.timers.delete(peerId);
      if (!this.closed && this.known.has(peerId)) fn();
    }, ms));
  }

  private clearTimer(peerId: string): void {
    const t = this.timers.get(peerId);
    if (t !== undefined) clearTimeout(t);
    this.timers.delete(peerId);
  }
}
