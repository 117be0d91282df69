import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents, SocketData } from '../../protocol';
import type { ServerConfig } from '../config';
import type { Logger } from '../logger';
import type { ServerMetrics } from '../metrics/metrics';
import type { RoomStore } from '../store/room-store';
import type { Meetings } from '../meetings/meetings';

/** No events between server nodes yet. */
type InterServerEvents = Record<string, never>;

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
}

/** Socket.IO room holding every socket joined to a conference room. */
export const roomChannel = (room: string): string => `r:${room}`;
/** Socket.IO room holding the one socket of a participant, used to deliver peer signals. */
export const participantChannel = (id: string): string => `p:${id}`;
/** Socket.IO room of a meeting's hosts and cohosts (who waits, knocks). */
export const hostChannel = (room: string): string => `h:${room}`;
/** Socket.IO room of one session waiting to be let in (it may have several sockets, on several nodes). */
export const waitChannel = (room: string, userId: string): string => `w:${room}\n${userId}`;
