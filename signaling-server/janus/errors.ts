/** Errors of the Janus client. */

/** Janus refused a request: its numeric error code and reason (core codes such as 403, or a plugin's such as VideoRoom 433). */
export class JanusError extends Error {
  override name = 'JanusError';
  constructor(
    readonly code: number,
    readonly reason: string,
    /** The plugin that refused, when the error came from a plugin rather than the core. */
    readonly plugin?: string,
  ) {
    super(`Janus error ${code}: ${reason}`);
  }
}

/** No answer within the request's timeout. */
export class JanusTimeoutError extends Error {
  override name = 'JanusTimeoutError';
}

/** The WebSocket to Janus is closed (or closed while the request was pending). */
export class JanusClosedError extends Error {
  override name = 'JanusClosedError';
}

/** Janus core error codes the server reacts to (janus-gateway src/apierror.h). */
export const JanusErrorCode = {
  SessionNotFound: 458,
  HandleNotFound: 459,
} as const;
