/** User-facing text chosen from error codes. */

/** An error as the UI sees it: a CallError, or anything else that was thrown. */
export interface CodedError {
  code?: string;
  message?: string;
}

const JOIN_MESSAGES: Record<string, string> = {
  SIGNALING_UNREACHABLE: "Can't reach the call server. Check your connection and try again.",
  ROOM_FULL: 'This room is full. Try again later or use another room.',
  UNAUTHORIZED: 'The server did not accept this session. Try again.',
  TOKEN_EXPIRED: 'Your session expired. Try again.',
  FORBIDDEN_ORIGIN: 'This app is not allowed to connect to the call server.',
  RATE_LIMITED: 'Too many attempts. Wait a moment, then try again.',
  SESSIONS_DISABLED: 'The server is not accepting new calls right now.',
  ALREADY_JOINED: 'You are already in this call in another window.',
  STORE_UNAVAILABLE: 'The call service is having a problem. Calls in progress go on; joining will work again shortly.',
  TOO_MANY_ROOMS: 'The call server is at capacity. Try again in a few minutes.',
  SFU_UNAVAILABLE: 'This call is too large for a direct connection and the media server is down. Try again shortly.',
  MEETING_NOT_FOUND: "This meeting doesn't exist or has ended. Check the link, or start a new meeting.",
  PASSCODE_REQUIRED: 'This meeting needs a passcode.',
  WRONG_PASSCODE: 'That passcode is not right. Check it with the host.',
  MEETING_LOCKED: 'The host has locked this meeting: nobody new can join.',
  DENIED: 'The host did not let you in.',
  MEETING_ENDED: 'The host ended the meeting.',
  INTERNAL: 'The call server had a problem. Try again.',
};

/** The message shown when joining fails. Codes without a specific text fall back to the engine's message. */
export function joinErrorMessage(err: unknown): string {
  const e = (typeof err === 'object' && err !== null ? err : {}) as CodedError;
  if (e.code && JOIN_MESSAGES[e.code]) return JOIN_MESSAGES[e.code];
  return e.message?.trim() || 'Could not join the call. Try again.';
}

/** The message of any thrown value, for toasts. */
export function errorText(err: unknown): string {
  if (typeof err === 'object' && err !== null && typeof (err as CodedError).message === 'string') {
    return (err as CodedError).message || 'Something went wrong.';
  }
  return typeof err === 'string' && err ? err : 'Something went wrong.';
}
