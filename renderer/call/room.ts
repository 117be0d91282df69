/** The call: one Room per joined room; the UI reads its state and calls its methods. */
import type { ChatMessage, JoinResponse, MediaPatch, MediaState, ReactionEmoji, Topology } from '../../protocol';
import { createLevelMeter } from '../media/level-meter';
import { CallError, type ParticipantView, type RoomEvents, type RoomState } from './api';
import { CallPeers } from './call-peers';
import { ChatLog } from './chat-log';
import { DeviceWatch } from './device-watch';
import { listDevices, onDeviceChange } from '../media/devices';
import { Emitter } from './emitter';
import { IceRefresh } from './ice-refresh';
import { LocalControls } from './local-controls';
import type { VideoTransform } from '../media/effects/video-effects';
import type { TrackTransform } from '../media/track-transform';
import { LocalParticipant } from './participant';
import { Meeting } from './meeting';
import { RoomConnection } from './room-connection';
import { RoomMonitor } from './room-monitor';
import { UplinkGovernor } from './uplink/uplink-governor';
import { browserCaptureDeps, captureScreen } from './share/capture';
import { LocalShare } from './share/local-share';
import type { RoomOptions, TransportContext } from './room-types';
import { SignalingClient, type SignalingEvents, type SignalingPort } from './signaling-client';
import { SignalRelay } from './signal-relay';
import { text } from '../i18n/text';

export type { RoomOptions, TransportContext } from './room-types';

/** Turns anything thrown into a CallError (unknown failures become INTERNAL). */
export function asCallError(err: unknown): CallError {
  if (err instanceof CallError) return err;
  return new CallError('INTERNAL', err instanceof Error ? err.message : String(err));
}

/** Microphone and camera state as the local tracks say. */
function mediaStateOf(media: RoomOptions['localMedia']): MediaState {
  const audio = media.audioTrack;
  return { mic: !!audio && audio.enabled, camera: !!media.videoTrack, screen: false, hand: false };
}

/** A call in one room: join, leave, local media controls, chat; emits RoomEvents. */
export class Room extends Emitter<RoomEvents> {
  private current: RoomState = 'idle';
  private currentTopology: Topology = 'mesh';
  /** Whether the server wants a warm SFU path kept (`sfu:prewarm`, join answers); applied when a transport exists. */
  private warm = false;
  private readonly chatLog = new ChatLog();
  private readonly local: LocalParticipant;
  private readonly signaling: SignalingPort;
  /** Our peer signals, held while the room is away (./signal-relay). */
  private readonly signals: SignalRelay;
  private readonly conn: RoomConnection;
  private readonly monitor: RoomMonitor;
  /** Camera limits per connection from its measured uplink; pauses video below what it needs. */
  private readonly uplink: UplinkGovernor;
  private readonly controls: LocalControls;
  private readonly peers: CallPeers;
  private readonly share: LocalShare;
  private readonly iceRefresh = new IceRefresh({
    request: () => this.signaling.request('ice:refresh', {}),
    apply: (ice) => this.peers.transport?.setIceServers(ice.iceServers),
  });
  /** Settings, waiting list and the host's actions (./meeting). */
  readonly meeting: Meeting;
  /** Devices during the call: lists, switching, unplugged and new devices (./device-watch); the UI starts it. */
  readonly devices: DeviceWatch;
  /** Bumped by join/leave so a stale async step knows to stop. */
  private attempt = 0;
  private unsubscribe: (() => void)[] = [];
  private checkingSignaling = false;

  constructor(private readonly opts: RoomOptions) {
    super();
    const media = opts.localMedia;
    this.local = new LocalParticipant('', opts.displayName, mediaStateOf(media), media.stream);
    this.local.on('updated', (v) => this.emit('participantUpdated', v));
    this.peers = new CallPeers({
      relay: (to, signal) => this.signals.relay(to, signal),
      joined: (v) => this.emit('participantJoined', v),
      left: (id) => this.emit('participantLeft', id),
      updated: (v) => this.emit('participantUpdated', v),
      error: (e) => this.emit('error', e),
      pathLost: () => this.checkSignaling(),
    });
    this.signaling = opts.signaling ?? new SignalingClient(opts.serverUrl);
    this.signals = new SignalRelay((to, signal) => this.signaling.request('peer:signal', { to, signal }));
    this.conn = new RoomConnection(this.signaling, opts.roomName, opts.displayName, {
      credentials: opts.credentials,
      onHostKey: opts.onHostKey,
      onWaiting: (waiting) => this.emit('waiting', waiting),
    });
    this.meeting = new Meeting(this.signaling, {
      changed: (view) => this.emit('meetingChanged', view),
      notice: (text) => this.emit('notice', text),
      mutedBy: (kind) => void (kind === 'mic' ? this.setMicEnabled(false) : this.setCameraEnabled(false)).catch((e: unknown) => this.emit('error', asCallError(e))),
      ended: () => this.endedByHost(),
      recordingPermitted: opts.allowRecording !== false,
    });
    this.monitor = new RoomMonitor(
      {
        remotes: () => this.peers.all(),
        local: () => this.local,
        peerConnection: (id) => this.peers.transport?.getPeerConnection(id) ?? null,
        localLevel: () => this.controls.meter,
      },
      opts.qualityIntervalMs,
      opts.speakingIntervalMs,
    );
    this.uplink = new UplinkGovernor({
      connections: () => this.peers.sendingConnections(),
      lean: () => this.peers.switching(),
      cameraTrack: () => (this.local.view.media.camera ? (this.local.view.stream?.getVideoTracks()[0] ?? null) : null),
      onPaused: (paused) => this.publish({ videoPaused: paused }),
    });
    this.controls = new LocalControls(media, this.local, {
      transport: () => this.peers.transport,
      publish: (patch) => this.publish(patch),
      createLevelMeter: opts.createLevelMeter ?? createLevelMeter,
    });
    this.devices = new DeviceWatch({
      list: () => listDevices(),
      onDeviceChange: (fn) => onDeviceChange(fn),
      media,
      switchDevice: (kind, id) => this.controls.switchDevice(kind, id),
      restoreDevice: (kind, id, on) => this.controls.restoreDevice(kind, id, on),
      turnOff: (kind) => (kind === 'audioinput' ? this.setMicEnabled(false) : this.setCameraEnabled(false)),
      ...opts.deviceDeps,
    });
    this.share = new LocalShare(this.local, {
      capture: () => captureScreen(opts.captureDeps === undefined ? browserCaptureDeps() : opts.captureDeps),
      transport: () => this.peers.transport,
      update: (patch) => this.controls.update(patch),
    });
  }

  get displayName(): string {
    return this.opts.displayName;
  }
  get state(): RoomState {
    return this.current;
  }
  get topology(): Topology {
    return this.currentTopology;
  }
  get localParticipant(): ParticipantView {
    return this.local.view;
  }
  /** Remote participants in join order. */
  get participants(): ParticipantView[] {
    return this.peers.views();
  }
  get chat(): ChatMessage[] {
    return this.chatLog.all();
  }
  /** The call server's origin (links it signs, such as recordings, are paths on it). */
  get serverOrigin(): string {
    return this.opts.serverUrl ? new URL(this.opts.serverUrl).origin : typeof location !== 'undefined' ? location.origin : '';
  }
  /** `<origin>/room/<name>`: what a colleague opens to join. */
  get inviteLink(): string {
    const origin =
      this.opts.origin ??
      (this.opts.serverUrl ? new URL(this.opts.serverUrl).origin : typeof location !== 'undefined' ? location.origin : '');
    return `${origin}/room/${encodeURIComponent(this.opts.roomName)}`;
  }

  /**
   * Connects to the call server ahead of Join (the lobby calls it and shows the outcome), so
   * joining costs a single round trip. Optional: `join()` does the same when it was not called,
   * and retries afresh after a failed prepare.
   */
  prepare(): Promise<void> {
    if (this.current !== 'idle') return Promise.resolve();
    return this.conn.prepare();
  }

  /** Session, connection, `room:join`, then peers. Rejects with a CallError (state 'failed', 'error' emitted). */
  async join(): Promise<void> {
    if (this.current === 'connecting' || this.current === 'joined' || this.current === 'reconnecting') return;
    const attempt = ++this.attempt;
    // The Room may have been made in the lobby: join with the devices as they are now.
    const { mic, camera } = mediaStateOf(this.opts.localMedia);
    this.local.setMedia({ ...this.local.view.media, mic, camera });
    this.setState('connecting');
    this.subscribe();
    try {
      const asked = Date.now();
      const answer = await this.conn.open(this.local.view.media);
      if (attempt !== this.attempt) return; // left while joining
      console.info(`joined the call on ${answer.topology} (${Date.now() - asked} ms)`);
      await this.enter(answer);
      this.setState('joined');
      this.monitor.start();
      if (this.opts.adaptation !== false) this.uplink.start();
    } catch (err) {
      const e = asCallError(err);
      if (attempt !== this.attempt) return;
      this.teardown();
      this.fail(e);
      throw e;
    }
  }

  /** Drops a connection made by `prepare()` without joining (the lobby closed or the name changed). */
  discard(): void {
    if (this.current === 'idle' || this.current === 'failed') this.teardown();
  }

  /** Stops a join that is still under way (leaving the waiting room): back to idle, the lobby's media untouched. */
  cancelJoin(): void {
    if (this.current !== 'connecting') return;
    this.attempt++;
    this.teardown();
    this.setState('idle');
  }

  /** A host removed us or ended the meeting: the call is over (the server closes the connection next). */
  private endedByHost(): void {
    // While still joining (the waiting room), the join itself fails with the reason instead.
    if (this.current !== 'joined' && this.current !== 'reconnecting') return;
    this.attempt++;
    void this.share.stop();
    this.teardown();
    this.opts.localMedia.stop();
    this.setState('left');
  }

  /** Leaves the call: tells the server, closes connections, stops the local tracks. */
  async leave(): Promise<void> {
    if (this.current === 'idle' || this.current === 'left') return;
    const wasIn = this.current === 'joined';
    this.attempt++;
    this.setState('left');
    await this.share.stop();
    if (wasIn) await this.signaling.request('room:leave', {}).catch(() => undefined);
    this.teardown();
    this.opts.localMedia.stop();
  }

  /** Mutes or unmutes; unmuting without a microphone tries to capture one (rejects with MEDIA_*). */
  setMicEnabled(on: boolean): Promise<void> {
    return this.controls.setMic(on);
  }

  /** Camera off stops the track (the light goes off) and sends no video; on re-captures (rejects with MEDIA_*). */
  setCameraEnabled(on: boolean): Promise<void> {
    return this.controls.setCamera(on);
  }

  async setHandRaised(on: boolean): Promise<void> {
    this.controls.update({ hand: on });
  }

  /** Sends a chat message; resolves with it as the server stored it. */
  async sendChat(text: string): Promise<ChatMessage> {
    const msg = await this.signaling.request('chat:send', { text });
    this.addChat(msg);
    return msg;
  }

  /** Sends a reaction to everyone; it comes back to us as a `reaction` event like everyone else's. */
  async sendReaction(emoji: ReactionEmoji): Promise<void> {
    await this.signaling.request('reaction:send', { emoji });
  }

  /** A remote tile's size in device pixels (SFU: picks the simulcast layer it is received in). */
  setTileSize(participantId: string, width: number, height: number): void {
    this.peers.transport?.setTileSize(participantId, width, height);
  }

  /** Switches microphone or camera without renegotiation (replaceTrack). */
  switchDevice(kind: 'audioinput' | 'videoinput', deviceId: string): Promise<void> {
    return this.controls.switchDevice(kind, deviceId);
  }

  // --- screen share: a small hook, the logic lives in ./share ---
  /** Opens the screen picker and shares the choice as a second video; false when the user cancelled. Rejects with a CallError. */
  startShare(): Promise<boolean> {
    if (this.current !== 'joined') return Promise.reject(new CallError('SHARE_FAILED', text('share.notJoined')));
    return this.share.start();
  }

  /** Stops sharing the screen (no-op when not sharing). */
  stopShare(): Promise<void> {
    return this.share.stop();
  }

  // --- background effects: a small hook, the effect itself lives in renderer/media/effects ---
  /** The camera's own track (before any effect; the local tile shows the processed one), null while off. */
  get cameraTrack(): MediaStreamTrack | null {
    return this.opts.localMedia.videoTrack;
  }

  /** Sends the camera through a background effect (null: as is); replaceTrack, no renegotiation. */
  setVideoEffect(effect: VideoTransform | null): Promise<void> {
    return this.controls.setVideoTransform(effect);
  }

  /** Sends the microphone through noise suppression (null: as is); replaceTrack, no renegotiation. */
  setAudioEffect(effect: TrackTransform | null): Promise<void> {
    return this.controls.setAudioTransform(effect);
  }

  private setState(s: RoomState): void {
    if (s === this.current) return;
    this.current = s;
    this.emit('stateChanged', s);
  }

  private fail(e: CallError): void {
    this.setState('failed');
    this.emit('error', e);
  }

  private subscribe(): void {
    if (this.unsubscribe.length) return;
    const on = <K extends keyof SignalingEvents>(k: K, fn: SignalingEvents[K]) => this.unsubscribe.push(this.signaling.on(k, fn));
    on('room:participant-joined', (p) => p.id !== this.local.id && this.peers.add(p));
    on('room:participant-left', ({ id }) => this.peers.remove(id));
    on('media:updated', ({ id, media }) => (id === this.local.id ? this.local.setMedia(media) : this.peers.get(id)?.setMedia(media)));
    on('peer:signal', (e) => this.peers.handleSignal(e.from, e.signal));
    on('chat:message', (m) => this.addChat(m));
    on('reaction:sent', (r) => this.emit('reaction', r));
    on('room:role', ({ id, role }) => (id === this.local.id ? this.local.setRole(role) : this.peers.get(id)?.setRole(role)));
    this.meeting.listen(on);
    on('room:topology', ({ mode }) => {
      // The transport moves make-before-break (renderer/call/switch).
      this.peers.transport?.switchTo(mode);
      // The camera goes lean on both paths now, not at the governor's next round (uplink/simulcast-limits).
      if (this.opts.adaptation !== false && this.current === 'joined') void this.uplink.leanNow();
      if (mode === this.currentTopology) return;
      this.currentTopology = mode;
      this.emit('topologyChanged', mode);
    });
    on('sfu:prewarm', ({ on: warm }) => this.setWarm(warm));
    on('disconnected', (reason, willReconnect) => {
      console.info(`signaling connection closed: ${reason}`);
      if (this.current !== 'joined') return;
      if (!willReconnect) return this.teardownAndFail(new CallError('SIGNALING_UNREACHABLE', text('errors.server.closed')));
      this.signals.hold();
      this.setState('reconnecting');
    });
    on('reconnected', () => void this.recover());
    on('connectError', (err) => {
      if (this.current !== 'reconnecting') return;
      this.conn.onReconnectRefused(err).catch((e: unknown) => this.teardownAndFail(asCallError(e)));
    });
  }

  /**
   * After a reconnection (possibly to another server node): resume with the resume token, which
   * keeps our participant id and every peer connection (media never stopped: it is peer to
   * peer). Only if the server refuses the resume, join afresh.
   */
  private async recover(): Promise<void> {
    if (this.current !== 'reconnecting') return;
    const attempt = this.attempt;
    let answer: JoinResponse | null;
    try {
      answer = await this.conn.resume();
    } catch (err) {
      if (attempt === this.attempt) this.teardownAndFail(asCallError(err));
      return;
    }
    if (attempt !== this.attempt) return;
    if (!answer) return this.rejoin();
    console.info('signaling reconnected: the room resumed');
    this.reconcile(answer);
    this.setState('joined');
    this.signals.release();
    // Signaling was lost and is back, maybe over a new address: a peer that lost its path too
    // restarts ICE now rather than at its next retry (its offers were lost meanwhile).
    this.peers.transport?.networkChanged();
    // Mute or camera changes made while disconnected were not sent: send them now.
    const server = answer.self.media;
    const mine = this.local.view.media;
    const patch = Object.fromEntries(Object.entries(mine).filter(([k, v]) => server[k as keyof MediaState] !== v)) as MediaPatch;
    if (Object.keys(patch).length > 0) this.publish(patch);
  }

  /**
   * A media path was lost: if the network changed under the call, the signaling connection is most
   * likely dead too, and the ICE restart's offers need it. Its check reconnects at once when it
   * gets no answer; the resume then restarts what is still down (recover()). One check at a time.
   */
  private checkSignaling(): void {
    if (this.current !== 'joined' || this.checkingSignaling) return;
    this.checkingSignaling = true;
    void this.signaling.checkAlive().finally(() => (this.checkingSignaling = false));
  }

  /** The network may have changed under the call (the computer woke up): every connection restarts ICE now. */
  networkChanged(): void {
    if (this.current === 'joined') this.peers.transport?.networkChanged();
  }

  /** Brings the roster in line with a resume answer: who left or came while we were away. */
  private reconcile(answer: JoinResponse): void {
    const present = new Set(answer.participants.map((p) => p.id));
    for (const view of this.peers.views()) if (!present.has(view.id)) this.peers.remove(view.id);
    for (const p of [...answer.participants].sort((a, b) => a.joinedAt - b.joinedAt)) {
      const known = this.peers.get(p.id);
      if (known) known.setMedia(p.media);
      else this.peers.add(p);
    }
    for (const m of answer.chat) this.addChat(m);
    // The room may have switched while we were away: same path as a `room:topology` event.
    this.peers.transport?.switchTo(answer.topology);
    this.setWarm(answer.prewarm ?? false);
    if (answer.topology !== this.currentTopology) {
      this.currentTopology = answer.topology;
      this.emit('topologyChanged', answer.topology);
    }
  }

  /** The resume was refused (the server let us go): join again (new id) and rebuild every peer. */
  private async rejoin(): Promise<void> {
    if (this.current !== 'reconnecting') return;
    const attempt = this.attempt;
    this.resetCall();
    try {
      const answer = await this.conn.join(this.local.view.media);
      if (attempt !== this.attempt) return;
      await this.enter(answer);
      this.setState('joined');
      this.monitor.start();
      if (this.opts.adaptation !== false) this.uplink.start();
    } catch (err) {
      this.teardownAndFail(asCallError(err));
    }
  }

  private setWarm(on: boolean): void {
    this.warm = on;
    this.peers.transport?.prewarm(on);
  }

  private async enter(answer: JoinResponse): Promise<void> {
    this.warm = answer.prewarm ?? false;
    this.local.setJoined(answer.self.id, answer.self.name, answer.self.role);
    this.meeting.fromJoin(answer);
    this.local.setMedia(answer.self.media);
    this.chatLog.reset(answer.chat);
    if (answer.topology !== this.currentTopology) {
      this.currentTopology = answer.topology;
      this.emit('topologyChanged', answer.topology);
    }
    const ctx: TransportContext = {
      selfId: answer.self.id,
      selfJoinedAt: answer.self.joinedAt,
      iceServers: answer.ice.iceServers,
      iceTransportPolicy: this.opts.forceRelay ? 'relay' : answer.ice.iceTransportPolicy,
      local: this.controls.tracksForTransport(),
      topology: answer.topology,
      // The SFU transport and the switch talk through signaling and start with the tracks sent now.
      signaling: this.signaling,
      currentTracks: () => this.controls.tracksForTransport(),
      adaptation: this.opts.adaptation !== false,
    };
    const factory = this.opts.transportFactory ?? (await import('./switch/default-transport')).createCallTransport;
    this.peers.attach(factory(ctx), answer.participants.filter((p) => p.id !== answer.self.id));
    // The answer's state, or an `sfu:prewarm` event's that came while the transport was being made.
    this.setWarm(this.warm);
    this.share.attach();
    this.controls.startMeter();
    this.iceRefresh.start(answer.ice);
  }

  private addChat(m: ChatMessage): void {
    if (this.chatLog.add(m)) this.emit('chatMessage', m);
  }

  private publish(patch: MediaPatch): void {
    if (this.current !== 'joined') return; // join carries the current state
    this.signaling
      .request('media:update', patch)
      .then((state) => this.local.setMedia(state))
      .catch((e: unknown) => this.emit('error', asCallError(e)));
  }

  /** Forgets peers and remote participants (before a re-join or at the end). */
  private resetCall(): void {
    this.signals.drop();
    this.monitor.stop();
    this.uplink.stop();
    this.iceRefresh.stop();
    this.peers.reset();
  }

  private teardown(): void {
    this.resetCall();
    this.controls.stopMeter();
    for (const off of this.unsubscribe) off();
    this.unsubscribe = [];
    this.signaling.disconnect();
    this.conn.reset();
  }

  private teardownAndFail(e: CallError): void {
    if (this.current === 'left' || this.current === 'failed') return;
    this.teardown();
    this.fail(e);
  }
}
