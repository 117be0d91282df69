/**
 * The public surface of the call engine. The UI (renderer/ui) codes against these types only;
 * the engine (Room, participants, transports) implements them. Framework-free.
 */
import type { ChatMessage, ErrorCode, IceServer, MediaState, MeetingSettings, PeerSignalData, Reaction, RecordingState, Role, Topology, WaitingEntry } from '../../protocol';

/** Per-tile connection state shown on the tile. */
export type PeerConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'failed' | 'closed';

/** Room-level state of the signaling connection and the call. */
export type RoomState = 'idle' | 'connecting' | 'joined' | 'reconnecting' | 'left' | 'failed';

export type QualityLevel = 'good' | 'fair' | 'poor' | 'unknown';
export type QualityCause = 'upload' | 'download' | 'cpu' | 'network' | null;
/** What is wrong, when something is: lost packets, delay, jitter, too little bandwidth, or a busy CPU. */
export type QualityProblem = 'loss' | 'delay' | 'jitter' | 'bandwidth' | 'cpu' | null;

/** A quality sample computed from getStats() every 2 s (thresholds in renderer/media/quality). */
export interface QualitySample {
  level: QualityLevel;
  /** Packet loss in percent over the last interval (inbound, worst of audio/video). */
  lossPercent: number;
  /** Round-trip time in ms (from the selected candidate pair or remote-inbound-rtp). */
  rttMs: number | null;
  /** Jitter in ms (inbound). */
  jitterMs: number | null;
  /** Outbound `qualityLimitationReason` ('none' | 'cpu' | 'bandwidth' | 'other'). */
  limitation: string;
  /** Which side it is on (our upload, our download, the path between, our CPU). */
  cause: QualityCause;
  problem: QualityProblem;
  /** Human-readable reasons, e.g. 'packet loss 4.1% > 2%'. */
  reasons: string[];
}

/** A participant as the UI sees it. */
export interface ParticipantView {
  id: string;
  name: string;
  isLocal: boolean;
  media: MediaState;
  /** Camera+mic stream (remote: as received; local: the preview stream). */
  stream: MediaStream | null;
  /** The screen or window being shared (its video, and system audio when shared), or null. Shown while `media.screen`. */
  share: MediaStream | null;
  connection: PeerConnectionState;
  speaking: boolean;
  quality: QualitySample | null;
  /** Remote only: our downlink cannot carry this participant's video too, so it is held (SFU) until the link recovers. */
  videoHeld?: boolean;
  /** host and cohost may admit, mute, remove; the host also hands over roles and ends the meeting. */
  role: Role;
}

/** The meeting around the call: its settings, who waits (hosts only), and why it ended for us. */
export interface MeetingView {
  settings: MeetingSettings;
  waiting: WaitingEntry[];
  /** Set when a host removed us or ended the meeting (the Room then goes to 'left'). */
  ended: { reason: 'removed' | 'ended'; by: string } | null;
  /** Whether the meeting is being recorded (everyone sees the indicator; the lobby shows a notice). */
  recording: RecordingState;
  /** The server lets hosts record (RECORDING=on and a media server). */
  recordingAllowed: boolean;
}

/** Error with a code the UI chooses its message from. */
export class CallError extends Error {
  constructor(
    readonly code: ErrorCode | 'MEDIA_DENIED' | 'SHARE_FAILED' | 'MEDIA_MISSING' | 'SIGNALING_UNREACHABLE' | 'PEER_FAILED' | 'MEETING_ENDED',
    message: string,
  ) {
    super(message);
    this.name = 'CallError';
  }
}

export interface RoomEvents {
  stateChanged: (state: RoomState) => void;
  participantJoined: (p: ParticipantView) => void;
  participantLeft: (id: string) => void;
  /** Anything about a participant changed (media state, stream, connection, speaking, quality). */
  participantUpdated: (p: ParticipantView) => void;
  chatMessage: (m: ChatMessage) => void;
  /** Someone in the room (we too) reacted with an emoji; not kept, shown for a moment. */
  reaction: (r: Reaction) => void;
  topologyChanged: (t: Topology) => void;
  error: (e: CallError) => void;
  /** While joining: true when the join waits in the waiting room, false once a host let us in. */
  waiting: (waiting: boolean) => void;
  /** The meeting's settings or waiting list changed, or it ended for us. */
  meetingChanged: (m: MeetingView) => void;
  /** Something a person should read (a host muted you, someone knocks). */
  notice: (text: string) => void;
}

/** Local media handed to a transport: the tracks it sends. `null` means not sending that kind. */
export interface LocalTracks {
  audio: MediaStreamTrack | null;
  video: MediaStreamTrack | null;
  stream: MediaStream;
}

export interface MediaTransportEvents {
  /** A transport wants to send signaling data to a peer; the Room relays it through the signaling client. */
  signal: (to: string, data: PeerSignalData) => void;
  /** A remote stream (or a new track on it) arrived from a peer. */
  stream: (peerId: string, stream: MediaStream) => void;
  peerState: (peerId: string, state: PeerConnectionState) => void;
  /** A peer's screen share arrived (a stream apart from its camera stream), or ended (null). */
  share: (peerId: string, stream: MediaStream | null) => void;
  /** Our downlink cannot carry this peer's video too: it is held (not received) until the link recovers, or received again (false). */
  videoHeld: (peerId: string, held: boolean) => void;
  /**
   * Media from this peer stopped arriving seconds before ICE would say so (./stall-watch): the
   * network under the call may have changed. The transport restarts ICE itself; the room checks
   * its signaling connection, which the offers of that restart need.
   */
  pathStalled: (peerId: string) => void;
}

/**
 * How media moves. `MeshTransport` holds one simple-peer per remote participant; `JanusTransport` goes
 * through the SFU; `SwitchingTransport` holds one or both during a live topology switch.
 * Transports never touch Socket.IO: they emit `signal` and receive `handleSignal`.
 *
 * Every member is required: a transport that has nothing to do for one (the mesh has no simulcast
 * layers to pick) says so with an explicit no-op, so a transport that forgets a member does not
 * compile instead of silently staying where it is.
 */
export interface MediaTransport {
  readonly kind: Topology;
  on<E extends keyof MediaTransportEvents>(event: E, fn: MediaTransportEvents[E]): void;
  off<E extends keyof MediaTransportEvents>(event: E, fn: MediaTransportEvents[E]): void;
  /** Start connecting to a remote participant (`joinedAt`: its server join time, which orders who offers). */
  addPeer(peerId: string, joinedAt?: number): void;
  removePeer(peerId: string): void;
  handleSignal(from: string, data: PeerSignalData): void;
  /** Replace (or stop sending, with null) the local track of a kind on every connection, without renegotiation when possible. */
  replaceTrack(kind: 'audio' | 'video', track: MediaStreamTrack | null): Promise<void>;
  /** The RTCPeerConnection that carries a peer's media, for getStats(). */
  getPeerConnection(peerId: string): RTCPeerConnection | null;
  /** The connections sending our camera now (mesh: one per peer; SFU: the publisher, unless held idle): the uplink policy's. */
  sendingConnections(): RTCPeerConnection[];
  /** True while a topology switch runs both paths at once (the camera is sent lean meanwhile: ./uplink/simulcast-limits). */
  readonly switching: boolean;
  /** New ICE servers (fresh TURN credentials) for live connections and the ones made from now on. */
  setIceServers(iceServers: IceServer[]): void;
  /** The server announced a topology (`room:topology`): move there make-before-break. */
  switchTo(mode: Topology): void;
  /**
   * The server says the room keeps a warm SFU path (`sfu:prewarm`, join answers): while on mesh,
   * hold a connected SFU path that sends nothing, so a switch only turns sending on.
   */
  prewarm(on: boolean): void;
  /** Sends (true) or holds the path connected and idle (false), without renegotiation: how a warm SFU path waits. */
  setSending(on: boolean): Promise<void>;
  /**
   * The path to the network may have changed (the signaling connection came back after a loss):
   * connections that lost their path try again now instead of at their next retry.
   */
  networkChanged(): void;
  /** A remote tile's size in device pixels: the SFU picks the simulcast layer from it. */
  setTileSize(peerId: string, width: number, height: number): void;
  /** Sends a screen share (its tracks, in their own stream) to everyone, or stops sending it (null). */
  setShare(share: MediaStream | null): Promise<void>;
  close(): void;
}
