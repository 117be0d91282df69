/** One remote participant's connection: a simple-peer, its senders, its state, its op queue. */
import type { PeerSignalData } from '../../../protocol';
import type { PeerConnectionState } from '../api';
import { Emitter } from '../emitter';
import { OpQueue } from '../op-queue';
import { protectSender } from '../sender-priority';
import { IceRestarter } from '../ice-restart';
import { bytesReceived, StallWatch } from '../stall-watch';
import { KeyFramesOnPathBack } from '../key-frame';
import type { PeerLike } from './peer';
import { RemoteOffers } from './remote-offers';
import { SignalGeneration, withOfferUfrag } from './signal-generation';

export type MediaKind = 'audio' | 'video';

export interface PeerLinkEvents {
  signal: (data: PeerSignalData) => void;
  stream: (stream: MediaStream) => void;
  state: (state: PeerConnectionState) => void;
  /** The connection is gone (ICE failed, remote closed, error); the transport decides what next. */
  lost: (reason: string) => void;
  /** Media that was flowing stopped arriving (./stall-watch); ICE is being restarted. */
  stalled: () => void;
}

export class PeerLink extends Emitter<PeerLinkEvents> {
  /** Track operations on this peer run one at a time so negotiations never overlap. */
  private readonly queue = new OpQueue();
  /** Senders we created, by kind; kept after replaceTrack(null) so turning media back on needs no renegotiation. */
  private readonly senders = new Map<MediaKind, RTCRtpSender>();
  /** Screen-share tracks sent on this peer: their senders are never taken for the camera or mic. */
  private readonly shareTracks = new Set<MediaStreamTrack>();
  private current: PeerConnectionState = 'connecting';
  private connectedOnce = false;
  private destroyed = false;
  /**
   * Only the initiator restarts ICE: simple-peer's answering side cannot offer. The answering side
   * runs the same timing but asks the initiator instead (a `renegotiate` signal, which the initiator
   * takes as a restart request while its own connection is down). The initiator usually sees the
   * same disconnection, but its offers may be lost: when the answering side's address changed, its
   * signaling connection is dead too, and only sending something (this request) makes it notice
   * and reconnect.
   */
  private readonly restarter: IceRestarter;
  /** Restarts ICE as soon as media stops, about 4 s before ICE reports 'disconnected'. */
  private readonly stall: StallWatch;
  private readonly keyFrames = new KeyFramesOnPathBack(() => this.peer._pc, '', () => this.stall.silenceMs());
  /** Drops signals of an ICE generation already replaced (./signal-generation). */
  private readonly generation = new SignalGeneration();
  /** A second remote offer waits until the first is answered (./remote-offers). */
  private readonly offers = new RemoteOffers(() => this.peer._pc, (data) => this.apply(data));
  /** Session id of the other side's SDP (its offers, or its answers to ours): a new one means a fresh remote peer. */
  remoteSessionId: string | null = null;

  constructor(
    readonly peer: PeerLike,
    readonly initiator: boolean,
    private readonly localStream: () => MediaStream,
  ) {
    super();
    this.restarter = new IceRestarter({
      restart: () => (initiator ? void this.restartIce() : this.askForRestart()),
      answered: () => this.peer._pc.signalingState === 'stable',
    });
    this.stall = new StallWatch({
      read: () => bytesReceived(this.peer._pc),
      onChange: (stalled) => {
        if (stalled) console.info('media stopped arriving: restarting ICE');
        const wasDown = this.restarter.down;
        this.restarter.mediaStalled(stalled);
        if (stalled) this.emit('stalled');
        else if (wasDown) this.pathBack();
      },
    });
    peer.on('signal', (data: PeerSignalData) => this.emit('signal', withOfferUfrag(data, this.peer._pc)));
    peer.on('stream', (stream: MediaStream) => this.emit('stream', stream));
    // A track added by renegotiation joins a stream already announced: tell the UI anyway.
    peer.on('track', (_t: MediaStreamTrack, stream: MediaStream) => this.emit('stream', stream));
    const connected = () => {
      if (!this.connectedOnce) this.protectSenders();
      if (!this.connectedOnce) this.watchPath();
      this.connectedOnce = true;
      this.setState('connected');
    };
    peer.on('connect', connected);
    peer.on('iceStateChange', (ice: string) => {
      const wasDown = this.restarter.down;
      this.restarter.iceState(ice);
      if (wasDown && (ice === 'connected' || ice === 'completed')) this.pathBack();
      if (ice === 'disconnected' && this.connectedOnce) this.setState('reconnecting');
      // Media flows once ICE connects; simple-peer's 'connect' also waits for its data channel,
      // which on a busy machine opened after the video was already playing (the tile said "Connecting…").
      if (ice === 'connected' || ice === 'completed') connected();
    });
    let lastError = '';
    peer.on('error', (err: Error & { code?: string }) => {
      lastError = err.code ?? err.message;
    });
    peer.on('close', () => {
      if (!this.destroyed) this.emit('lost', lastError || 'closed');
    });
  }

  get state(): PeerConnectionState {
    return this.current;
  }

  get connected(): boolean {
    return this.current === 'connected';
  }

  setState(state: PeerConnectionState): void {
    if (state === this.current) return;
    this.current = state;
    this.emit('state', state);
  }

  /** Feeds remote signaling data; a peer that throws is reported lost rather than crashing the room. */
  signal(data: PeerSignalData): void {
    if (!this.destroyed) this.offers.push(data);
  }

  private apply(data: PeerSignalData): void {
    if (this.destroyed) return;
    // The other side lost the path too and asks for a restart: a plain offer would not help.
    if (data.type === 'renegotiate' && this.initiator && this.restarter.down) return this.restarter.requested();
    if (!this.generation.accepts(data, this.peer._pc)) return console.info(`dropped a stale ${data.type} signal (an earlier ICE generation)`);
    try {
      this.peer.signal(data);
    } catch (err) {
      this.emit('lost', err instanceof Error ? err.message : 'signal failed');
    }
  }

  /**
   * Adds the tracks to send from the start. Synchronous on purpose: called right after the
   * peer is created, it lands before simple-peer's first (microtask-batched) negotiation,
   * so the first offer already carries them and no extra round trip is needed.
   */
  addInitialTracks(tracks: Partial<Record<MediaKind, MediaStreamTrack | null>>): void {
    if (tracks.audio) this.doAdd('audio', tracks.audio);
    if (tracks.video) this.doAdd('video', tracks.video);
  }

  /**
   * Sends `track` (or nothing) for `kind`: swaps it on the existing sender, no renegotiation;
   * only a kind never sent on this peer needs addTrack, which renegotiates.
   */
  replaceTrack(kind: MediaKind, track: MediaStreamTrack | null): Promise<void> {
    return this.queue.push(async () => {
      if (this.destroyed) return;
      const sender = this.senderFor(kind);
      if (sender) await sender.replaceTrack(track);
      else if (track) this.doAdd(kind, track);
    });
  }

  /** Sends a screen share's tracks in their own stream (addTrack: renegotiates). `now`: before the first offer, unqueued. */
  addShare(stream: MediaStream, now = false): Promise<void> {
    const add = () => {
      if (this.destroyed) return;
      for (const t of stream.getTracks()) {
        this.shareTracks.add(t);
        this.peer.addTrack(t, stream);
      }
      if (this.connectedOnce) this.protectSenders();
    };
    if (!now) return this.queue.push(add);
    add();
    return Promise.resolve();
  }

  /** Stops sending a share added with addShare (removeTrack: renegotiates). */
  removeShare(stream: MediaStream): Promise<void> {
    return this.queue.push(() => {
      if (this.destroyed) return;
      for (const t of stream.getTracks()) if (this.shareTracks.has(t)) this.peer.removeTrack(t, stream);
    });
  }

  /**
   * Asks the initiator for an ICE restart. Not simple-peer's negotiate(): on the answering side it
   * marks itself negotiating until an offer arrives, so after one lost request it never asks again.
   */
  private askForRestart(): void {
    if (this.destroyed) return;
    console.info('asking the offering side for an ICE restart');
    this.emit('signal', { type: 'renegotiate', renegotiate: true });
  }

  /** The machine's network changed: a disconnected connection restarts ICE now. */
  networkChanged(): void {
    this.restarter.restartNow();
  }

  /** Restarts ICE with a new offer, queued behind track operations so negotiations never overlap. */
  restartIce(): Promise<void> {
    return this.queue.push(async () => {
      if (this.destroyed) return;
      const pc = this.peer._pc;
      // An offer still unanswered after seconds of disconnection was most likely lost with the
      // signaling connection; simple-peer would queue the restart behind it forever. Rolling back
      // returns to 'stable' (simple-peer then clears its negotiating flag) so the restart offer goes out.
      if (pc.signalingState === 'have-local-offer') await pc.setLocalDescription({ type: 'rollback' });
      if (this.destroyed) return;
      // One line per restart: the only trace of a network hiccup in a user's log.
      console.info(`ICE restart (ICE ${pc.iceConnectionState}, signaling ${pc.signalingState})`);
      pc.restartIce();
      this.peer.negotiate();
    }).catch((err: unknown) => console.warn('ICE restart failed', err));
  }

  /** From the first connection on: stalls, and the path a restart selects. */
  private watchPath(): void {
    this.stall.start();
    this.keyFrames.watchPair(() => this.restarter.down && !this.destroyed);
  }

  /** The path is back after a loss: our video restarts with a key frame (../key-frame). */
  private pathBack(): void {
    if (!this.destroyed) this.keyFrames.pathBack();
  }

  /** Audio high priority, camera 'balanced', share 'maintain-resolution' (./sender-priority); best effort. */
  private protectSenders(): void {
    for (const s of this.peer._pc.getSenders()) {
      const track = s.track;
      if (!track) continue;
      const role = track.kind === 'audio' ? 'audio' : this.shareTracks.has(track) ? 'share' : 'camera';
      protectSender(s, role).catch(() => undefined);
    }
  }

  private doAdd(kind: MediaKind, track: MediaStreamTrack): void {
    if (this.destroyed) return;
    this.peer.addTrack(track, this.localStream());
    const sender = this.peer._pc.getSenders().find((s) => s.track === track);
    if (sender) this.senders.set(kind, sender);
  }

  private senderFor(kind: MediaKind): RTCRtpSender | null {
    const known = this.senders.get(kind);
    if (known) return known;
    const found = this.peer._pc.getSenders().find((s) => s.track?.kind === kind && !this.shareTracks.has(s.track)) ?? null;
    if (found) this.senders.set(kind, found);
    return found;
  }

  /** Closes the connection on purpose (no 'lost'). */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.restarter.stop();
    this.stall.stop();
    this.peer.destroy();
    this.removeAllListeners();
  }
}
