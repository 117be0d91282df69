import type { z } from 'zod';
import type { MeetingSettings, Role, WaitingEntry } from './meetings';
import type { RecordingState } from './recording';
import type {
  mediaPatchSchema,
  mediaStateSchema,
  peerSignalDataSchema,
} from './schemas';

export type MediaState = z.infer<typeof mediaStateSchema>;
export type MediaPatch = z.infer<typeof mediaPatchSchema>;
export type PeerSignalData = z.infer<typeof peerSignalDataSchema>;

export type Topology = 'mesh' | 'sfu';

/** One member of a room as every member sees it. `id` is per connection, so two tabs of one user are two participants. */
export interface Participant {
  id: string;
  name: string;
  joinedAt: number;
  media: MediaState;
  /** host and cohost may act on others (protocol/meetings.ts); absent from old servers: guest. */
  role?: Role;
}

export interface ChatMessage {
  id: string;
  from: string;
  name: string;
  text: string;
  /** Server time, ms since the epoch. */
  at: number;
}

/** An entry of RTCConfiguration.iceServers. */
export interface IceServer {
  urls: string[];
  username?: string;
  credential?: string;
}

export interface IceServersResponse {
  iceServers: IceServer[];
  /** When TURN credentials expire (ms since the epoch); absent when no TURN entry is given. */
  expiresAt?: number;
  /** RTCConfiguration.iceTransportPolicy the server asks for ('relay': media only through TURN). Absent means 'all'. */
  iceTransportPolicy?: 'all' | 'relay';
}

/** Answer of `POST /api/session`. */
export interface SessionResponse {
  token: string;
  room: string;
  name: string;
  expiresAt: number;
  /** What the token lets its holder do (absent from old servers: guest). */
  role?: Role;
  /** The meeting is being recorded now: the lobby says so before joining. */
  recording?: boolean;
  /** Where typed room names are open: the first session of a name made the meeting, and this is its host key. */
  hostKey?: string;
}

/** Data of a successful `room:join` ack. */
export interface JoinResponse {
  self: Participant;
  participants: Participant[];
  chat: ChatMessage[];
  topology: Topology;
  /**
   * The room keeps the SFU path warm (it holds as many as a mesh may): connect to Janus now, send
   * nothing, so a switch only turns sending on. Absent from older servers: false.
   */
  prewarm?: boolean;
  ice: IceServersResponse;
  /** Presented in `room:resume` after a lost connection (absent from servers without resume). */
  resume?: ResumeToken;
  /** The meeting's settings now. */
  settings?: MeetingSettings;
  /** Who waits in the waiting room (hosts only). */
  waiting?: WaitingEntry[];
  /** The room is being recorded (absent from servers without recording). */
  recording?: RecordingState;
  /** The server allows recording (RECORDING=on and a media server): hosts get the Record button. */
  recordingAllowed?: boolean;
}

/** A signed, short-lived token bound to one participant id and room. */
export interface ResumeToken {
  token: string;
  /** ms since the epoch; ask `room:resume-token` for a new one before then. */
  expiresAt: number;
}

export type LeaveReason = 'left' | 'disconnected' | 'removed';
