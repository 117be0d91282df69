/** User-facing text chosen from error codes. */
import type { MessageKey } from '../../i18n/catalog';
import { text } from '../../i18n/text';

/** An error as the UI sees it: a CallError, or anything else that was thrown. */
export interface CodedError {
  code?: string;
  message?: string;
}

/** The codes with their own sentence when joining fails (`errors.join.<code>` in the catalogue). */
const JOIN_CODES = new Set([
  'SIGNALING_UNREACHABLE', 'ROOM_FULL', 'UNAUTHORIZED', 'TOKEN_EXPIRED', 'FORBIDDEN_ORIGIN', 'RATE_LIMITED',
  'SESSIONS_DISABLED', 'ALREADY_JOINED', 'STORE_UNAVAILABLE', 'TOO_MANY_ROOMS', 'SFU_UNAVAILABLE', 'MEETING_NOT_FOUND',
  'PASSCODE_REQUIRED', 'WRONG_PASSCODE', 'MEETING_LOCKED', 'DENIED', 'MEETING_ENDED', 'INTERNAL',
]);

/** The message shown when joining fails. Codes without a specific text fall back to the engine's message. */
export function joinErrorMessage(err: unknown): string {
  const e = (typeof err === 'object' && err !== null ? err : {}) as CodedError;
  if (e.code && JOIN_CODES.has(e.code)) return text(`errors.join.${e.code}` as MessageKey);
  return e.message?.trim() || text('errors.joinFailed');
}

/** The message of any thrown value, for toasts. */
export function errorText(err: unknown): string {
  if (typeof err === 'object' && err !== null && typeof (err as CodedError).message === 'string') {
    return (err as CodedError).message || text('errors.unknown');
  }
  return typeof err === 'string' && err ? err : text('errors.unknown');
}
