import type { Ack } from './errors';
// SFU (issue 3): the sfu:* events live in ./sfu and join the maps below.
import { SfuClientEvent, SfuServerEvent } from './sfu';
import type { SfuClientToServerEvents, SfuServerToClientEvents } from './sfu';
import type {
  ChatMessage,
  ChatSendRequest,
  IceServersResponse,
  JoinRequest,
  JoinResponse,
  LeaveReason,
  MediaPatch,
  MediaState,
  Participant,
  PeerSignalData,
  PeerSignalRequest,
  ResumeRequest,
  ResumeToken,
  Topology,
} from './types';

/** Event names, `domain:verb`. */
export const ClientEvent = {
  Join: 'room:join',
  Leave: 'room:leave',
  MediaUpdate: 'media:update',
  PeerSignal: 'peer:signal',
  ChatSend: 'chat:send',
  IceRefresh: 'ice:refresh',
  /** After a lost connection: take the participant back with its resume token instead of a fresh join. */
  Resume: 'room:resume',
  /** A fresh resume token before the current one expires. */
  ResumeToken: 'room:resume-token',
  ...SfuClientEvent,
} as const;

export const ServerEvent = {
  ParticipantJoined: 'room:participant-joined',
  ParticipantLeft: 'room:participant-left',
  MediaUpdated: 'media:updated',
  PeerSignal: 'peer:signal',
  ChatMessage: 'chat:message',
  Topology: 'room:topology',
  ...SfuServerEvent,
} as const;

type AckFn<T> = (ack: Ack<T>) => void;

/** Client to server. Every event carries an ack callback as its last argument. */
export interface ClientToServerEvents extends SfuClientToServerEvents {
  'room:join': (req: JoinRequest, ack: AckFn<JoinResponse>) => void;
  'room:leave': (req: Record<string, never>, ack: AckFn<null>) => void;
  'media:update': (req: MediaPatch, ack: AckFn<MediaState>) => void;
  'peer:signal': (req: PeerSignalRequest, ack: AckFn<null>) => void;
  'chat:send': (req: ChatSendRequest, ack: AckFn<ChatMessage>) => void;
  'ice:refresh': (req: Record<string, never>, ack: AckFn<IceServersResponse>) => void;
  'room:resume': (req: ResumeRequest, ack: AckFn<JoinResponse>) => void;
  'room:resume-token': (req: Record<string, never>, ack: AckFn<ResumeToken>) => void;
}

/** Server to client. */
export interface ServerToClientEvents extends SfuServerToClientEvents {
  'room:participant-joined': (p: Participant) => void;
  'room:participant-left': (e: { id: string; reason: LeaveReason }) => void;
  'media:updated': (e: { id: string; media: MediaState }) => void;
  'peer:signal': (e: { from: string; signal: PeerSignalData }) => void;
  'chat:message': (m: ChatMessage) => void;
  'room:topology': (e: { mode: Topology }) => void;
}

/** What the server's connection middleware leaves on `socket.data` (claims of the verified token). */
export interface SocketData {
  userId: string;
  room: string;
  name: string;
  participantId?: string;
}

export type { PeerSignalData, PeerSignalRequest };
