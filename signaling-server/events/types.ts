import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents, SocketData } from '../../protocol';
import type { ServerConfig } from '../config';
import type { Logger } from '../logger';
import type { ServerMetrics } from '../metrics/metrics';
import type { RoomStore } from '../store/room-store';
import type { Meetings } from '../meetings/meetings';
import type { RecordingState, Topology } from '../../protocol';

/** What other features see of recording: the state for join answers, and where to report roster changes. */
export interface RecordingView {
  allowed(): boolean;
  state(room: string): RecordingState;
  /** The roster or someone's media changed (a timeline entry while the room records). */
  observe(room: string): void;
  /** The meeting ended: a recording of it stops now. */
  stop(room: string): Promise<unknown>;
}

/** Between the nodes of a cluster (Socket.IO's serverSideEmit over the Redis adapter). */
interface InterServerEvents {
  /** A room's roster changed on the sending node: the others recount it for their topology decision. */
  'sfu:count': (room: string) => void;
  /** The sending node took this participant's Janus session over (it resumed there): the node that held it lets it go. */
  'sfu:released': (room: string, id: string, session: number) => void;
  /** A participant on the sending node has every tile on `mode`: the room's owner stops waiting for it. */
  'sfu:switched': (room: string, id: string, mode: Topology) => void;
  /** The sending node owns the room (../sfu/room-owner) and announced `mode`: the others follow it. */
  'sfu:decided': (room: string, mode: Topology) => void;
  /** The room's owner ended its switch to `mode` (everyone reported, or it timed out): back on mesh, each node lets its part of the VideoRoom go. */
  'sfu:finished': (room: string, mode: Topology) => void;
  /** The sending node started or stopped recording this room: the others show it and hold the room on the SFU meanwhile. */
  'recording:changed': (room: string, state: RecordingState) => void;
  /** A host on the sending node pressed Stop: the node that records the room stops it. */
  'recording:stop': (room: string) => void;
  /** The room's roster or someone's media changed on the sending node: the recording node takes a timeline entry. */
  'recording:observe': (room: string) => void;
}

/** The typed Socket.IO server. */
export type ConferIo = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
/** One authenticated client connection. */
export type ConferSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/** What every feature's handlers need; built once per server instance. */
export interface ServerContext {
  config: ServerConfig;
  io: ConferIo;
  store: RoomStore;
  meetings: Meetings;
  now: () => number;
  logger: Logger;
  metrics: ServerMetrics;
  /** Recording, when the server was built with it (set once at start). */
  recording?: RecordingView;
}

/** Socket.IO room holding every socket joined to a conference room. */
export const roomChannel = (room: string): string => `r:${room}`;
/** Socket.IO room holding the one socket of a participant, used to deliver peer signals. */
export const participantChannel = (id: string): string => `p:${id}`;
/** Socket.IO room of a meeting's hosts and cohosts (who waits, knocks). */
export const hostChannel = (room: string): string => `h:${room}`;
/** Socket.IO room of one session waiting to be let in (it may have several sockets, on several nodes). */
export const waitChannel = (room: string, userId: string): string => `w:${room}\n${userId}`;
