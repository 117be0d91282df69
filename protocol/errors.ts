/** Error codes carried in failed acks and connection errors; the UI picks its message from the code. */
export const ErrorCode = {
  InvalidPayload: 'INVALID_PAYLOAD',
  Unauthorized: 'UNAUTHORIZED',
  TokenExpired: 'TOKEN_EXPIRED',
  ForbiddenOrigin: 'FORBIDDEN_ORIGIN',
  /** The caller may not do this (a host action without the host role, metrics from outside). */
  Forbidden: 'FORBIDDEN',
  NotInRoom: 'NOT_IN_ROOM',
  AlreadyJoined: 'ALREADY_JOINED',
  PeerNotFound: 'PEER_NOT_FOUND',
  RoomFull: 'ROOM_FULL',
  RateLimited: 'RATE_LIMITED',
  PayloadTooLarge: 'PAYLOAD_TOO_LARGE',
  SessionsDisabled: 'SESSIONS_DISABLED',
  /** The room would need the media server (more than Limits.meshMax participants), which is unavailable. */
  SfuUnavailable: 'SFU_UNAVAILABLE',
  /** The shared state store (Redis) is unreachable: live calls go on, joins fail until it is back. */
  StoreUnavailable: 'STORE_UNAVAILABLE',
  /** A resume was refused (token invalid or expired, or the participant is gone): join afresh. */
  ResumeRefused: 'RESUME_REFUSED',
  /** The server holds as many rooms as it may (MAX_ROOMS). */
  TooManyRooms: 'TOO_MANY_ROOMS',
  /** This user already has a live participant in the room (another window or device); leave there first. */
  AlreadyInRoom: 'ALREADY_IN_ROOM',
  /** The participants from this network address are in as many rooms as they may be at once (MAX_ROOMS_PER_ADDRESS). */
  TooManyRoomsFromAddress: 'TOO_MANY_ROOMS_FROM_ADDRESS',
  /** This network address holds as many open connections as it may (MAX_SOCKETS_PER_ADDRESS). */
  TooManyConnections: 'TOO_MANY_CONNECTIONS',
  /** No meeting has this id (never made, ended, or expired). */
  MeetingNotFound: 'MEETING_NOT_FOUND',
  /** The meeting asks for a passcode: none was given, or a wrong one. */
  PasscodeRequired: 'PASSCODE_REQUIRED',
  WrongPasscode: 'WRONG_PASSCODE',
  /** The host has locked the meeting: nobody new gets in. */
  MeetingLocked: 'MEETING_LOCKED',
  /** Not an error to show: the join waits in the waiting room until a host admits (`lobby:admitted`) or denies (`lobby:denied`). */
  InWaitingRoom: 'IN_WAITING_ROOM',
  /** A host did not let this session in, or removed it: it cannot come back. */
  Denied: 'DENIED',
  /** The server's policy does not allow recording (RECORDING=off). */
  RecordingDisabled: 'RECORDING_DISABLED',
  Internal: 'INTERNAL',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** The error body of a failed ack, of an HTTP error response and of a refused connection (`connect_error.data`). */
export interface ProtocolError {
  code: ErrorCode;
  message: string;
}

/** Every acknowledged event answers with this. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: ProtocolError };

export function ok<T>(data: T): Ack<T> {
  return { ok: true, data };
}

export function fail(code: ErrorCode, message: string): { ok: false; error: ProtocolError } {
  return { ok: false, error: { code, message } };
}
