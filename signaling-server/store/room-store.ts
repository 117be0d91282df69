import type { ChatMessage, MediaPatch, MediaState, Participant, Role } from '../../protocol';

/** Outcome of adding a participant: the capacity checks and the insert are one atomic step. */
export type AddResult = 'added' | 'full' | 'too-many-rooms';

/** Who holds a participant now: the connection (socket id) that joined or resumed it. */
export interface AddOptions {
  /** Socket id of the connection; a later disconnect of another connection leaves the participant alone. */
  conn?: string;
  /** Refuse a new room when this many exist (MAX_ROOMS). */
  maxRooms?: number;
}

/** A participant removed by `expire`, to announce as left. */
export interface Expired {
  room: string;
  participant: Participant;
}

/**
 * Room state: rosters and chat history. Every method is async so a shared store (Redis) can
 * replace the in-memory one for several server nodes. Returned objects are copies.
 */
export interface RoomStore {
  /** Adds `participant` unless the room already holds `max` participants. Creates the room if needed. */
  addParticipant(room: string, participant: Participant, max: number, opts?: AddOptions): Promise<AddResult>;
  /** Removes a participant (only while connection `conn` holds it, when given); the room and its chat are deleted when it becomes empty. */
  removeParticipant(room: string, id: string, conn?: string): Promise<Participant | undefined>;
  getParticipant(room: string, id: string): Promise<Participant | undefined>;
  listParticipants(room: string): Promise<Participant[]>;
  /** Applies a partial media state; undefined when the participant is not in the room. */
  updateMedia(room: string, id: string, patch: MediaPatch): Promise<MediaState | undefined>;
  /** Appends to the room's chat, keeping the newest `Limits.chatHistory`; false when the room does not exist. */
  /** Sets a participant's role; false when it is not in the room. */
  updateRole(room: string, id: string, role: Role): Promise<boolean>;
  appendChat(room: string, message: ChatMessage): Promise<boolean>;
  getChat(room: string): Promise<ChatMessage[]>;
  listRooms(): Promise<string[]>;
  countRooms(): Promise<number>;
  countParticipants(): Promise<number>;
  /** Deletes the room if nobody is in it; true when it was deleted. */
  deleteRoomIfEmpty(room: string): Promise<boolean>;
  /**
   * The connection `conn` of a participant is lost: keep it until `deadline` (ms since the
   * epoch) for a resume. False when another connection holds the participant now.
   */
  markDisconnected(room: string, id: string, conn: string, deadline: number): Promise<boolean>;
  /** Gives a kept participant to connection `conn`; undefined when it is gone. */
  resume(room: string, id: string, conn: string): Promise<Participant | undefined>;
  /** Removes participants whose resume deadline passed (and, shared stores, those of dead nodes); each is returned once, cluster-wide. */
  expire(now: number): Promise<Expired[]>;
  /**
   * True the first time `key` is claimed within `ttlMs`, false for every later claim, cluster-wide
   * (single-use tokens). The key is forgotten after `ttlMs`.
   */
  claimOnce(key: string, ttlMs: number): Promise<boolean>;
  /**
   * A small value shared cluster-wide (the SFU's placement of a room): stores `value` under `key`
   * unless one is held there, and resolves to the value held now (`value` when it won).
   */
  claimValue(key: string, value: string, ttlMs: number): Promise<string>;
  /** Stores `value` under `key` whatever was held there (a participant's Janus sessions, kept current by the node holding them). */
  putValue(key: string, value: string, ttlMs: number): Promise<void>;
  getValue(key: string): Promise<string | undefined>;
  /** Keeps `key` another `ttlMs` if it still holds `value`; false when it does not (expired, or another's now). */
  renewValue(key: string, value: string, ttlMs: number): Promise<boolean>;
  /** Deletes `key` if it still holds `value` (another node may have replaced it meanwhile). */
  dropValue(key: string, value: string): Promise<void>;
  /** Resolves once the store can serve (a remote store's connection is up); false after `timeoutMs`. */
  ready?(timeoutMs: number): Promise<boolean>;
  /** Stops timers and connections. */
  close(): Promise<void>;
}
