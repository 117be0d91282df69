/** Options of a Room and what its transport factory receives. */
import type { IceServer, Topology } from '../../protocol';
import type { LevelSource } from '../media/level-meter';
import type { LocalMedia } from '../media/local-media';
import type { LocalTracks, MediaTransport } from './api';
import type { SessionCredentials, SignalingPort } from './signaling-client';
import type { CaptureDeps } from './share/capture';
import type { DeviceWatchDeps } from './device-watch';

/** What a transport needs to start: who we are, how to reach peers, what to send. */
export interface TransportContext {
  selfId: string;
  /** Our server join time (orders who offers in a mesh). */
  selfJoinedAt: number;
  iceServers: IceServer[];
  /** 'relay' when the server allows media only through TURN; undefined means 'all'. */
  iceTransportPolicy?: RTCIceTransportPolicy;
  local: LocalTracks;
  topology: Topology;
  /** The signaling port the SFU transport and the topology switch talk through. */
  signaling: SignalingPort;
  /** The tracks sent right now (a transport made mid-call starts with these, not the join-time ones). */
  currentTracks: () => LocalTracks;
  /** False: no downlink adaptation on the SFU (RoomOptions.adaptation). */
  adaptation: boolean;
}

export interface RoomOptions {
  /** Signaling server base URL; '' means the page's own origin. */
  serverUrl: string;
  roomName: string;
  displayName: string;
  /** Already acquired (the lobby previews it); the Room stops its tracks on leave. */
  localMedia: LocalMedia;
  /** Send media only through TURN whatever the server says (the desktop app's relay-only policy). */
  forceRelay?: boolean;
  /** False: Record is never offered here, whatever the server allows (the desktop app's policy). Default true. */
  allowRecording?: boolean;
  /** Default: the mesh transport over simple-peer (loaded lazily). */
  transportFactory?: (ctx: TransportContext) => MediaTransport;
  /** Default: Socket.IO client for `serverUrl`. Tests inject a fake. */
  signaling?: SignalingPort;
  /** Level source for the local speaking indicator. Default: WebAudio meter, when available. */
  createLevelMeter?: (stream: MediaStream) => LevelSource | null;
  /** Origin used in the invite link. Default: the server URL's origin, else the page's. */
  origin?: string;
  /** Period of the quality sample (default 2000 ms) and of speaking detection (default 300 ms). */
  qualityIntervalMs?: number;
  speakingIntervalMs?: number;
  /** Screen capture (getDisplayMedia). Default: the browser's; null: none available. Tests inject a fake. */
  captureDeps?: CaptureDeps | null;
  /** Device listing and `devicechange` (default: navigator.mediaDevices). Tests inject fakes. */
  deviceDeps?: Pick<DeviceWatchDeps, 'list' | 'onDeviceChange'>;
  /** The meeting's host key (kept by the browser that started it) and passcode, sent with the session request. */
  credentials?: SessionCredentials;
  /** A host key the server handed out (the first session of an open room name): keep it to be host again. */
  onHostKey?: (key: string) => void;
  /**
   * False: the browser's own congestion control alone, no policy of ours on top (no uplink policy,
   * no loss-driven layer choice on the SFU): the `network` bench's baseline, opened with
   * `?adaptation=off`. Default true.
   */
  adaptation?: boolean;
}
