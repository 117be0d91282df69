/**
 * The socket contract: one table per direction. Every event is declared here once; names, the
 * typed Socket.IO maps, the client's request types and the server's guard registrations follow
 * from these two tables.
 */
import { carries, eventNames, request } from './contract';
import type { AnswerData, EventMap, EventPayload, RequestEventMap, RequestPayload, ValidatedPayload } from './contract';
import {
  chatSendRequestSchema,
  emptyRequestSchema,
  joinRequestSchema,
  mediaPatchSchema,
  peerSignalRequestSchema,
  resumeRequestSchema,
} from './schemas';
import {
  sfuAnswerRequestSchema,
  sfuConfigureRequestSchema,
  sfuPublishRequestSchema,
  sfuSubscribeRequestSchema,
  sfuSwitchedRequestSchema,
  sfuTrickleRequestSchema,
} from './sfu';
import type { SfuCandidate, SfuJsep, SfuOffer, SfuTarget } from './sfu';
import {
  admitRequestSchema,
  denyRequestSchema,
  hostMuteRequestSchema,
  hostRemoveRequestSchema,
  hostRoleRequestSchema,
  hostSettingsRequestSchema,
} from './meetings';
import type { MeetingSettings, Role, WaitingEntry } from './meetings';
import { reactionSendRequestSchema } from './reactions';
import { recordingRequestSchema } from './recording';
import type { RecordingState, RecordingSummary } from './recording';
import type { Reaction } from './reactions';
import type {
  ChatMessage,
  IceServersResponse,
  JoinResponse,
  LeaveReason,
  MediaState,
  Participant,
  PeerSignalData,
  ResumeToken,
  Topology,
} from './types';

/** Client to server: each request's payload schema and the data its ack answers with. */
export const clientRequests = {
  'room:join': request(joinRequestSchema, carries<JoinResponse>()),
  'room:leave': request(emptyRequestSchema, carries<null>()),
  /** After a lost connection: take the participant back with its resume token instead of a fresh join. */
  'room:resume': request(resumeRequestSchema, carries<JoinResponse>()),
  /** A fresh resume token before the current one expires. */
  'room:resume-token': request(emptyRequestSchema, carries<ResumeToken>()),
  'media:update': request(mediaPatchSchema, carries<MediaState>()),
  'peer:signal': request(peerSignalRequestSchema, carries<null>()),
  'chat:send': request(chatSendRequestSchema, carries<ChatMessage>()),
  /** An emoji over my tile for everyone in the room (relayed, not stored; rate-limited per participant). */
  'reaction:send': request(reactionSendRequestSchema, carries<null>()),
  'ice:refresh': request(emptyRequestSchema, carries<IceServersResponse>()),
  /** Is this connection still alive? Asked when a media path stalls: no answer soon means reconnect now. */
  'net:ping': request(emptyRequestSchema, carries<null>()),
  'sfu:publish': request(sfuPublishRequestSchema, carries<{ jsep: SfuJsep }>()),
  'sfu:subscribe': request(sfuSubscribeRequestSchema, carries<null>()),
  'sfu:answer': request(sfuAnswerRequestSchema, carries<null>()),
  'sfu:trickle': request(sfuTrickleRequestSchema, carries<null>()),
  'sfu:configure': request(sfuConfigureRequestSchema, carries<null>()),
  'sfu:leave': request(emptyRequestSchema, carries<null>()),
  /** All my tiles run on `mode` now. */
  'sfu:switched': request(sfuSwitchedRequestSchema, carries<null>()),
  // Host actions (host or cohost; 'host:role' and 'host:end' the host only). Anyone else gets FORBIDDEN.
  /** Lets people in from the waiting room: some, or everyone waiting. */
  'host:admit': request(admitRequestSchema, carries<null>()),
  /** Turns people in the waiting room away; their sessions cannot knock again. */
  'host:deny': request(denyRequestSchema, carries<null>()),
  /** Turns someone's microphone or camera off; only they can turn it back on. */
  'host:mute': request(hostMuteRequestSchema, carries<null>()),
  /** Takes someone out of the call; their session cannot come back. */
  'host:remove': request(hostRemoveRequestSchema, carries<null>()),
  'host:settings': request(hostSettingsRequestSchema, carries<MeetingSettings>()),
  'host:role': request(hostRoleRequestSchema, carries<null>()),
  /** Ends the meeting for everyone; its link stops working. */
  'host:end': request(emptyRequestSchema, carries<null>()),
  // Recording (host or cohost; refused when the server's RECORDING policy is off).
  /** Starts recording the room (it moves to the SFU for the duration); everyone gets `recording:state`. */
  'recording:start': request(recordingRequestSchema, carries<RecordingState>()),
  /** Stops it; the file is composed and appears in `recording:list`. */
  'recording:stop': request(recordingRequestSchema, carries<RecordingState>()),
  /** The meeting's recordings with their state, and a download link that expires for those ready. */
  'recording:list': request(recordingRequestSchema, carries<RecordingSummary[]>()),
};

/** Server to client: each event's payload. */
export const serverEvents = {
  'room:participant-joined': carries<Participant>(),
  'room:participant-left': carries<{ id: string; reason: LeaveReason }>(),
  'room:topology': carries<{ mode: Topology }>(),
  'media:updated': carries<{ id: string; media: MediaState }>(),
  'peer:signal': carries<{ from: string; signal: PeerSignalData }>(),
  'chat:message': carries<ChatMessage>(),
  /** Someone in the room (the sender too) reacted; `from` is their participant id as the server knows it. */
  'reaction:sent': carries<Reaction>(),
  /** Janus (re)negotiates the subscriber PeerConnection; answer with the same `seq`. */
  'sfu:offer': carries<SfuOffer>(),
  'sfu:trickle': carries<{ target: SfuTarget; candidate: SfuCandidate | null }>(),
  /** The SFU session was lost (Janus down, kicked): the topology falls back to mesh. */
  'sfu:error': carries<{ code: string; message: string }>(),
  /** Every participant runs on `mode` now: close the old path. */
  'sfu:switch-done': carries<{ mode: Topology }>(),
  /** Keep (on) or release (off) a warm, idle SFU path while on mesh (see JoinResponse.prewarm). */
  'sfu:prewarm': carries<{ on: boolean }>(),
  /** The Janus carrying the room died and the room moved to another: publish and subscribe again there. */
  'sfu:rehome': carries<Record<string, never>>(),
  /**
   * Janus sees many packets lost on one of our connections (its `slowlink`), named from Janus's side:
   * `uplink` true means packets Janus sent us were lost (what the subscriber receives), false that
   * Janus misses packets we send (the publisher's); `lost`: Janus's count over its last report.
   */
  'sfu:slowlink': carries<{ target: SfuTarget; uplink: boolean; lost: number }>(),
  /** To hosts: who waits in the waiting room now (the whole list, after every change). */
  'lobby:waiting': carries<{ waiting: WaitingEntry[] }>(),
  /** To someone waiting: a host let them in; join again. */
  'lobby:admitted': carries<Record<string, never>>(),
  /** To someone waiting: a host turned them away. */
  'lobby:denied': carries<Record<string, never>>(),
  /** To one participant: a host turned their microphone or camera off. */
  'host:muted': carries<{ kind: 'mic' | 'camera'; by: string }>(),
  /** To one participant: a host removed them (the connection closes next). */
  'room:removed': carries<{ by: string }>(),
  /** Someone's role changed. */
  'room:role': carries<{ id: string; role: Role }>(),
  'meeting:settings': carries<MeetingSettings>(),
  /** A host ended the meeting for everyone (the connection closes next). */
  'meeting:ended': carries<{ by: string }>(),
  // Recording.
  /** The room's recording started or stopped (everyone shows the indicator while `active`). */
  'recording:state': carries<RecordingState>(),
};

type ClientRequests = typeof clientRequests;
type ServerEvents = typeof serverEvents;

/** A client request's name. */
export type ClientEventName = keyof ClientRequests;
/** A server event's name. */
export type ServerEventName = keyof ServerEvents;
/** What a client sends with request `E`. */
export type ClientRequest<E extends ClientEventName> = RequestPayload<ClientRequests, E>;
/** What the server's handler of `E` receives once the payload passed its schema. */
export type ValidClientRequest<E extends ClientEventName> = ValidatedPayload<ClientRequests, E>;
/** The data of a successful ack of `E`. */
export type ClientAnswer<E extends ClientEventName> = AnswerData<ClientRequests, E>;
/** The payload of server event `E`. */
export type ServerEventPayload<E extends ServerEventName> = EventPayload<ServerEvents, E>;

/** `sfu:subscribe`'s options: the simulcast layers to start with. */
export type SfuSubscribeRequest = ClientRequest<'sfu:subscribe'>;

/** Client to server, for `Socket<…>` and `Server<…>`. Every event carries an ack callback as its last argument. */
export type ClientToServerEvents = RequestEventMap<ClientRequests>;
/** Server to client, for `Socket<…>` and `Server<…>`. */
export type ServerToClientEvents = EventMap<ServerEvents>;

/** Every client request name, in table order. */
export const clientEventNames: readonly ClientEventName[] = eventNames(clientRequests);
/** Every server event name, in table order. */
export const serverEventNames: readonly ServerEventName[] = eventNames(serverEvents);

/** Each client request name keyed by itself: `Object.values(ClientEvent)` lists them all. */
export const ClientEvent = Object.fromEntries(clientEventNames.map((e) => [e, e])) as { readonly [E in ClientEventName]: E };

/** What the server's connection middleware leaves on `socket.data` (claims of the verified token). */
export interface SocketData {
  userId: string;
  room: string;
  name: string;
  /** From the token: 'host' when the session was made with the host key or the identity provider names a host. */
  role: Role;
  /** The token came from the company's identity provider (not this server's own sessions). */
  idp: boolean;
  participantId?: string;
  /** In the waiting room (it knocked, no host has answered yet). */
  waiting?: boolean;
}
