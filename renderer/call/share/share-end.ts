/**
 * How a screen-share attempt that produced no stream ended. Three outcomes the user must be told
 * apart: they cancelled (nothing to say), the system or the app refused (they must change a
 * setting), or capture failed (try again).
 */
export type ShareEnd = 'cancelled' | 'refused' | 'failed';

/**
 * Thrown by a capture source that knows better than the DOMException why no stream came (the
 * desktop app's picker: Electron rejects a cancel and a failure with the same AbortError).
 */
export class ShareEndedError extends Error {
  constructor(
    readonly end: ShareEnd,
    /** The original rejection, kept for logs. */
    readonly original?: unknown,
  ) {
    super(`screen share ended: ${end}`);
    this.name = 'ShareEndedError';
  }
}

/**
 * A browser's getDisplayMedia() rejection, read the only way browsers allow: NotAllowedError is a
 * cancel, unless its message says the system refused (Chromium: "Permission denied by system");
 * anything else is a failure.
 */
export function shareEndFromDomError(err: unknown): ShareEnd {
  const name = (err as { name?: unknown } | null)?.name;
  const message = err instanceof Error ? err.message : String(err);
  if (name === 'NotAllowedError') return /system/i.test(message) ? 'refused' : 'cancelled';
  return 'failed';
}
