/**
 * MediaTransport through the SFU (Janus VideoRoom, proxied by the signaling server): one
 * publisher PeerConnection (our camera + mic, simulcast) and one subscriber PeerConnection
 * receiving every other participant (multistream). Each subscriber m-line is mapped to its
 * participant through the stream list of the server's offer (VideoRoom feed id = participant
 * id), and every participant gets one MediaStream with its audio and video.
 */
import { withOpusFecDtx } from '../sdp-fmtp';
import { StepTimer } from '../step-timer';
import type { IceServer, SfuCandidate, SfuOffer, SfuStream, Topology } from '../../../protocol';
import type { LocalTracks, MediaTransport, MediaTransportEvents, PeerConnectionState } from '../api';
import { Emitter } from '../emitter';
import { IceRestarter, watchNetwork } from '../ice-restart';
import { KeyFramesOnPathBack } from '../key-frame';
import { bytesAcross, StallWatch } from '../stall-watch';
import { OpQueue } from '../op-queue';
import { LayerSelector } from './layer-selector';
import { SfuPublisher } from './publisher';
import { SubscriberWatch } from './subscriber-watch';
import { SfuRemoteShares, shareMids } from './share-streams';
import { toInit, type SfuPort } from './sfu-port';

/** A slowlink within this long of the last measurement waits for the next one (ms). */
const SLOWLINK_MEASURE_GAP_MS = 1000;

export interface JanusTransportOptions {
  selfId: string;
  iceServers: IceServer[];
  iceTransportPolicy?: RTCIceTransportPolicy;
  local: LocalTracks;
  port: SfuPort;
  /** How often the downlink is measured for layer choice; default 2 s. */
  statsIntervalMs?: number;
  /** False: connect but send nothing until setSending(true) (a warm path); default true. */
  sending?: boolean;
  /** How long the subscriber connection may take to come up after an answer (./subscriber-watch); default 10 s. */
  subscriberConnectMs?: number;
  /** False: layers follow tile sizes only, not our loss or Janus's slowlink (the bench's baseline); default true. */
  adaptDownlink?: boolean;
}

export class JanusTransport extends Emitter<MediaTransportEvents> implements MediaTransport {
  readonly kind = 'sfu' as const;
  /** One path only: switches are SwitchingTransport's. */
  readonly switching = false;
  private readonly config: RTCConfiguration;
  private readonly publisher: SfuPublisher;
  private sub: RTCPeerConnection | null = null;
  private streams: SfuStream[] = [];
  private readonly byPeer = new Map<string, MediaStream>();
  private readonly known = new Set<string>();
  private readonly layers = new LayerSelector();
  /** Peers whose video our downlink holds (told to the UI as it changes). */
  private held = new Set<string>();
  /** Screen shares: each feed's share slot (./share-streams). */
  private readonly shares = new SfuRemoteShares((id, s) => this.emit('share', id, s));
  private readonly offs: (() => void)[] = [];
  /** Renegotiations run one at a time, in the order the server's offers came. */
  private readonly renegotiations = new OpQueue();
  private statsTimer: ReturnType<typeof setInterval> | undefined;
  private lastLoss = { lost: 0, received: 0 };
  /** When the downlink was last measured (ms): a slowlink measures at once unless it was just done. */
  private lastMeasureAt = 0;
  private closed = false;
  /** The publisher's ICE came up once (logged the first time). */
  private pubUpOnce = false;
  /** The newest offer seen, and the newest whose answer the server took. */
  private newestOffer = 0;
  private answeredOffer = 0;
  /** The last answer made, kept to send again (without negotiating again) if the server did not take it. */
  private lastAnswer: { seq: number; sdp: string } | null = null;
  /** Offers queued or being worked on: a copy the server sends again meanwhile is dropped. */
  private readonly offersInHand = new Set<number>();
  private readonly watch: SubscriberWatch;
  /** ICE restarts towards Janus when a connection that was up loses its path (../ice-restart). */
  private readonly pubRestart: IceRestarter;
  /** Per subscriber connection (a new one after a resubscribe starts afresh). */
  private subRestart: IceRestarter;
  /**
   * Everything from Janus stopping while we send: its feedback on the publisher connection and the
   * media on the subscriber one, counted together (../stall-watch). A cut stops both; a congested
   * download still lets some through (Janus's few feedback packets alone can miss 1.5 s in a full
   * queue, which restarted ICE under a 300 kbit/s cap for nothing). Both connections restart at
   * once, as they share the network. Not run while the path is held idle: nothing is sent, so the
   * publisher gets nothing back.
   */
  private readonly pubStall: StallWatch;
  private readonly keyFrames: KeyFramesOnPathBack;

  constructor(private readonly opts: JanusTransportOptions) {
    super();
    this.config = { iceServers: opts.iceServers, bundlePolicy: 'max-bundle' };
    if (opts.iceTransportPolicy) this.config.iceTransportPolicy = opts.iceTransportPolicy;
    this.publisher = new SfuPublisher(this.config, opts.local, opts.port, opts.sending ?? true);
    this.watch = new SubscriberWatch({
      connectMs: opts.subscriberConnectMs ?? 10_000,
      retry: () => this.enqueue(() => this.resubscribe()),
      giveUp: () => {
        console.warn('SFU subscriber connection did not come up twice: giving up');
        for (const id of this.known) this.emit('peerState', id, 'failed');
      },
    });
    this.offs.push(
      opts.port.onOffer((o) => {
        // On a loaded page one negotiation took seconds, and every copy queued behind it made
        // another: the queue grew faster than it drained. One at a time per offer.
        if (this.offersInHand.has(o.seq)) return;
        this.offersInHand.add(o.seq);
        this.enqueue(() => this.onOffer(o).finally(() => this.offersInHand.delete(o.seq)));
      }),
    );
    this.offs.push(opts.port.onTrickle((target, c) => void this.remoteCandidate(target, c)));
    // Janus names the direction from its own side: uplink=true on our subscriber means packets it
    // sent us were lost, i.e. our download. Its threshold (slowlink_threshold, 4 packets between two
    // reports) fires on a fraction of a percent too, many times a second on a busy page, so it is a
    // prompt to measure now, not a verdict: the layers follow the loss we measure, only sooner.
    // (Taken as a verdict, every slowlink a step down, it froze a tile in tests/e2e/sfu-downlink.)
    this.offs.push(
      opts.port.onSlowlink((target, uplink, lost) => {
        if (target !== 'subscriber' || !uplink || opts.adaptDownlink === false) return;
        if (Date.now() - this.lastMeasureAt < SLOWLINK_MEASURE_GAP_MS) return;
        console.info(`SFU slowlink: our download lost ${lost} packets; measuring now`);
        void this.measure();
      }),
    );
    this.pubRestart = new IceRestarter({
      restart: () => {
        console.info('SFU ICE restart: publisher');
        void this.publisher.restartIce();
      },
    });
    this.subRestart = this.subscriberRestarter();
    const pub = this.publisher.pc;
    this.pubStall = new StallWatch({ read: bytesAcross(() => [pub, this.sub]), onChange: (stalled) => this.onStall(stalled) });
    this.keyFrames = new KeyFramesOnPathBack(() => pub, 'SFU ', () => this.pubStall.silenceMs());
    pub.addEventListener('iceconnectionstatechange', () => {
      const wasDown = this.pubRestart.down;
      this.pubRestart.iceState(pub.iceConnectionState);
      const up = pub.iceConnectionState === 'connected' || pub.iceConnectionState === 'completed';
      // Not isSending: ICE may connect before the negotiation is done, on a publisher that sends from the start.
      if (up && !this.pubUpOnce) console.info(`SFU publisher connected${this.publisher.heldIdle ? ' (held idle)' : ''}`);
      this.pubUpOnce ||= up;
      if (up && wasDown) this.pathBack();
      // The publisher has no other way back (the subscriber is made again from scratch instead).
      if (pub.iceConnectionState === 'failed') void this.publisher.restartIce();
    });
    this.offs.push(watchNetwork(() => this.networkChanged()));
  }

  /** Publishes and asks to receive everyone, both at once; resolves once both requests are answered. */
  async start(): Promise<void> {
    // Receiving does not wait for our own publishing: on a switch every second counts.
    // The subscriber connection exists before Janus's offer, gathering its candidates meanwhile
    // (candidate pool): on a busy machine that is a few hundred ms off the first remote frame.
    this.subscriberPc();
    await Promise.all([this.publisher.start(), this.opts.port.subscribe(this.layers.initial())]);
    if (this.closed) return;
    // Watched from the moment it sends, whatever ICE said meanwhile: ICE may have reported
    // 'connected' before the publisher's answer was taken, and never again (it then missed a cut).
    if (this.publisher.isSending) this.pubStall.start();
    // Negotiated: the publisher's ICE transport exists, and a restart's new pair can be watched.
    this.keyFrames.watchPair(() => this.pubRestart.down && this.publisher.isSending && !this.closed);
    this.statsTimer = setInterval(() => void this.measure(), this.opts.statsIntervalMs ?? 2000);
  }

  /** Known already (a warm path taken into use again): its stream and share are handed out again. */
  addPeer(peerId: string): void {
    if (peerId === this.opts.selfId) return;
    this.known.add(peerId);
    const s = this.byPeer.get(peerId);
    if (s) this.emit('stream', peerId, s);
    this.shares.replay(peerId);
    this.emit('peerState', peerId, s ? this.state() : 'connecting');
  }

  removePeer(peerId: string): void {
    this.known.delete(peerId);
    this.layers.forget(peerId);
  }

  /** The SFU uses no peer-to-peer signals. */
  handleSignal(): void {}

  replaceTrack(kind: 'audio' | 'video', track: MediaStreamTrack | null): Promise<void> {
    return this.publisher.replaceTrack(kind, track);
  }

  /** Camera and microphone sent (true) or held idle (false) on a connection that stays up. */
  setSending(on: boolean): Promise<void> {
    if (!on) this.pubStall.stop();
    return this.publisher.setSending(on).then(() => {
      if (on && !this.closed && this.publisher.isSending) this.pubStall.start();
    });
  }

  /** No-op: whether to keep a warm SFU path is the switching transport's decision. */
  prewarm(_on: boolean): void {}

  /** Screen share: the publisher's share slot (replaceTrack, no renegotiation). */
  setShare(share: MediaStream | null): Promise<void> {
    return this.publisher.setShare(share);
  }

  sendingConnections(): RTCPeerConnection[] {
    return this.publisher.isSending ? [this.publisher.pc] : [];
  }

  /** The subscriber connection carries every remote participant's media. */
  getPeerConnection(): RTCPeerConnection | null {
    return this.sub;
  }

  setIceServers(iceServers: IceServer[]): void {
    this.publisher.setIceServers(iceServers);
    this.sub?.setConfiguration({ ...this.sub.getConfiguration(), iceServers });
  }

  /** The network may have changed: a connection to Janus that lost its path restarts ICE now. */
  networkChanged(): void {
    this.pubRestart.restartNow();
    this.subRestart.restartNow();
  }

  /** A remote tile's size in device pixels: picks the simulcast layer it is received in. */
  setTileSize(peerId: string, width: number, height: number): void {
    this.layers.setTileSize(peerId, width, height);
    this.applyLayers();
  }

  /**
   * No-op: an SFU transport only ever is the SFU path. Moving back to mesh is the job of
   * SwitchingTransport, which starts a mesh transport beside this one and closes this one after.
   */
  switchTo(_mode: Topology): void {}

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.statsTimer);
    this.watch.close();
    this.pubRestart.stop();
    this.subRestart.stop();
    this.pubStall.stop();
    for (const off of this.offs) off();
    this.publisher.close();
    this.sub?.close();
    this.opts.port.leave().catch(() => undefined);
  }

  private async onOffer(o: SfuOffer): Promise<void> {
    // The server sends an offer again while its answer is missing (it may have been lost with a
    // dropped connection): an older one, or one whose answer was taken already, is skipped.
    if (this.closed || o.seq < this.newestOffer || o.seq === this.answeredOffer) return;
    this.newestOffer = o.seq;
    if (this.lastAnswer?.seq === o.seq) {
      // Negotiated already; only the answer went missing: the same answer again.
      await this.opts.port.answer(o.seq, { type: 'answer', sdp: this.lastAnswer.sdp });
      this.answeredOffer = o.seq;
      return;
    }
    const pc = this.subscriberPc();
    const steps = new StepTimer();
    await pc.setRemoteDescription(o.jsep);
    steps.lap('remote');
    const created = await pc.createAnswer();
    steps.lap('answer');
    const answer = { type: created.type, sdp: withOpusFecDtx(created.sdp ?? '') };
    await pc.setLocalDescription(answer);
    steps.lap('local');
    this.lastAnswer = { seq: o.seq, sdp: answer.sdp ?? '' };
    console.info(`SFU offer ${o.seq} answered: ${o.streams.length} streams (${steps})`);
    this.streams = o.streams;
    this.refresh();
    await this.opts.port.answer(o.seq, { type: 'answer', sdp: this.lastAnswer.sdp });
    this.answeredOffer = o.seq;
    this.watch.answered(pc.connectionState);
    // New feeds were subscribed in the layers we chose (the server keeps them); tiles measured
    // since then are sent now.
    this.applyLayers();
  }

  private onStall(stalled: boolean): void {
    const wasDown = this.pubRestart.down;
    if (stalled) console.info('SFU media stopped arriving: restarting ICE');
    this.pubRestart.mediaStalled(stalled);
    this.subRestart.mediaStalled(stalled);
    if (stalled) for (const id of this.known) this.emit('pathStalled', id);
    else if (wasDown) this.pathBack();
  }

  /** The publisher's path is back after a loss: our video restarts with a key frame (../key-frame). */
  private pathBack(): void {
    if (!this.closed && this.publisher.isSending) this.keyFrames.pathBack();
  }

  private subscriberRestarter(): IceRestarter {
    return new IceRestarter({
      restart: () => {
        console.info('SFU ICE restart: subscriber');
        void this.opts.port.subscribe({ iceRestart: true }).catch((e: unknown) => console.warn('SFU subscriber ICE restart not requested', e));
      },
    });
  }

  /** The subscriber connection (created on first use; candidates are trickled once Janus's offer is answered). */
  private subscriberPc(): RTCPeerConnection {
    if (this.sub) return this.sub;
    const pc = new RTCPeerConnection({ ...this.config, iceCandidatePoolSize: 1 });
    this.sub = pc;
    this.subRestart?.stop();
    this.subRestart = this.subscriberRestarter();
    pc.addEventListener('icecandidate', (e) => this.opts.port.trickle('subscriber', e.candidate ? toInit(e.candidate) : null));
    pc.addEventListener('track', () => this.refresh());
    pc.addEventListener('iceconnectionstatechange', () => this.sub === pc && this.subRestart.iceState(pc.iceConnectionState));
    pc.addEventListener('connectionstatechange', () => {
      if (this.sub !== pc) return;
      this.watch.stateChanged(pc.connectionState);
      if (pc.connectionState === 'connected') console.info(`SFU subscriber connected (${this.streams.length} streams)`);
      for (const id of this.byPeer.keys()) if (this.known.has(id)) this.emit('peerState', id, this.state());
    });
    return pc;
  }

  /** The subscriber connection did not come up: a new one, and a new Janus subscriber for it. */
  private async resubscribe(): Promise<void> {
    if (this.closed) return;
    console.warn(`SFU subscriber connection ${this.sub?.connectionState ?? 'missing'}: subscribing again from scratch`);
    this.sub?.close();
    this.sub = null;
    this.streams = [];
    this.lastAnswer = null;
    this.subscriberPc();
    this.refresh();
    await this.opts.port.subscribe({ ...this.layers.initial(), restart: true });
  }

  /** Regroups the subscriber's receiving tracks by participant; emits `stream` where they changed. */
  private refresh(): void {
    const pc = this.sub;
    if (!pc) return;
    const tracks = new Map<string, MediaStreamTrack[]>();
    const slots = shareMids(this.streams);
    const shareTracks = new Map<string, MediaStreamTrack>();
    for (const tx of pc.getTransceivers()) {
      const s = this.streams.find((x) => x.mid === tx.mid);
      if (!s || tx.currentDirection === 'inactive' || tx.currentDirection === 'stopped') continue;
      if (slots.has(s.mid)) shareTracks.set(s.feed, tx.receiver.track);
      else tracks.set(s.feed, [...(tracks.get(s.feed) ?? []), tx.receiver.track]);
    }
    this.shares.update(shareTracks, (id) => this.known.has(id));
    for (const [id, stream] of this.byPeer) if (!tracks.has(id)) for (const t of stream.getTracks()) stream.removeTrack(t);
    for (const [id, want] of tracks) {
      let stream = this.byPeer.get(id);
      const fresh = !stream;
      if (!stream) this.byPeer.set(id, (stream = new MediaStream()));
      const have = stream.getTracks();
      const changed = have.length !== want.length || want.some((t) => !have.includes(t));
      for (const t of have) if (!want.includes(t)) stream.removeTrack(t);
      for (const t of want) if (!have.includes(t)) stream.addTrack(t);
      if ((fresh || changed) && this.known.has(id)) {
        this.emit('stream', id, stream);
        this.emit('peerState', id, this.state());
      }
    }
  }

  private state(): PeerConnectionState {
    const s = this.sub?.connectionState;
    if (s === 'connected') return 'connected';
    if (s === 'failed') return 'failed';
    if (s === 'disconnected') return 'reconnecting';
    return 'connecting';
  }

  private async remoteCandidate(target: 'publisher' | 'subscriber', c: SfuCandidate | null): Promise<void> {
    const pc = target === 'publisher' ? this.publisher.pc : this.sub;
    await pc?.addIceCandidate(c ?? undefined).catch((e: unknown) => console.warn('SFU candidate not added', e));
  }

  /**
   * Inbound loss since the last sample, audio and video together: a lossy downlink takes lower
   * layers. Audio counts because a full link drops it too and nothing resends it, while lost video
   * is mostly resent (NACK) and counted lost only when that fails too.
   */
  private async measure(): Promise<void> {
    if (!this.sub || this.closed || this.opts.adaptDownlink === false) return;
    this.lastMeasureAt = Date.now();
    let lost = 0;
    let received = 0;
    (await this.sub.getStats()).forEach((s: { type: string; packetsLost?: number; packetsReceived?: number }) => {
      if (s.type !== 'inbound-rtp') return;
      lost += s.packetsLost ?? 0;
      received += s.packetsReceived ?? 0;
    });
    const dLost = lost - this.lastLoss.lost;
    const dAll = dLost + received - this.lastLoss.received;
    this.lastLoss = { lost, received };
    this.layers.setDownlinkLoss(dAll > 0 ? (100 * dLost) / dAll : 0);
    this.applyLayers();
  }

  private applyLayers(): void {
    const changes = this.layers.changes((id) => this.streams.some((s) => s.feed === id));
    if (changes.length) this.opts.port.configure(changes).catch((e: unknown) => console.warn('layer choice not applied', e));
    const held = this.layers.held();
    for (const id of held) if (!this.held.has(id)) this.emit('videoHeld', id, true);
    for (const id of this.held) if (!held.has(id)) this.emit('videoHeld', id, false);
    this.held = held;
  }

  private enqueue(fn: () => Promise<void>): void {
    this.renegotiations.push(fn).catch((e: unknown) => console.warn('SFU renegotiation failed', e));
  }
}
