/** Limits shared by server and client so both refuse the same inputs. */
export const Limits = {
  /** Socket.IO `maxHttpBufferSize`: larger frames close the connection. */
  maxFrameBytes: 64 * 1024,
  /** Largest serialised simple-peer signal (an SDP with many codecs is ~10 KB). */
  maxSignalBytes: 32 * 1024,
  maxChatLength: 2000,
  maxNameLength: 64,
  maxRoomNameLength: 64,
  /** Chat messages a room keeps for late joiners. */
  chatHistory: 200,
  /** Participants of one room by default (`MAX_PARTICIPANTS`); the mesh topology holds up to `meshMax`. */
  maxParticipants: 25,
  /** The most `MAX_PARTICIPANTS` may be: every subscriber's answer then stays within MAX_SFU_ANSWER_BYTES (sfu.ts). */
  largestRoom: 100,
  meshMax: 4,
  /** Reactions one participant may send: a burst of this many, then `reactionsPerSec` a second. */
  reactionBurst: 5,
  reactionsPerSec: 1,
} as const;

/** Room names: URL-safe, 1..64 characters. */
export const ROOM_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
