import type { ChatMessage, MediaPatch, MediaState, Participant } from '../../protocol';

/** Outcome of adding a participant: the capacity check and the insert are one atomic step. */
export type AddResult = 'added' | 'full';

/**
 * Room state: rosters and chat history. Every method is async so a shared store (Redis) can
 * replace the in-memory one for several server nodes. Returned objects are copies.
 */
export interface RoomStore {
  /** Adds `participant` unless the room already holds `max` participants. Creates the room if needed. */
  addParticipant(room: string, participant: Participant, max: number): Promise<AddResult>;
  /** Removes a participant; the room and its chat are deleted when it becomes empty. */
  removeParticipant(room: string, id: string): Promise<Participant | undefined>;
  getParticipant(room: string, id: string): Promise<Participant | undefined>;
  listParticipants(room: string): Promise<Participant[]>;
  /** Applies a partial media state; undefined when the participant is not in the room. */
  updateMedia(room: string, id: string, patch: MediaPatch): Promise<MediaState | undefined>;
  /** Appends to the room's chat, keeping the newest `Limits.chatHistory`; false when the room does not exist. */
  appendChat(room: string, message: ChatMessage): Promise<boolean>;
  getChat(room: string): Promise<ChatMessage[]>;
  listRooms(): Promise<string[]>;
  countRooms(): Promise<number>;
  countParticipants(): Promise<number>;
  /** Deletes the room if nobody is in it; true when it was deleted. */
  deleteRoomIfEmpty(room: string): Promise<boolean>;
}
