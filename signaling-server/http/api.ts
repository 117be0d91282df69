import express from 'express';
import type { NextFunction, Request, Response } from 'express';
import { ErrorCode, createMeetingRequestSchema, sessionRequestSchema } from '../../protocol';
import type { CreateMeetingResponse, SessionResponse } from '../../protocol';
import { isOriginAllowed } from '../auth/origin';
import { AuthError, bearerToken, issueToken } from '../auth/tokens';
import type { TokenVerifier } from '../auth/tokens';
import type { ServerConfig } from '../config';
import type { Logger } from '../logger';
import type { Meetings } from '../meetings/meetings';
import { settingsOf } from '../meetings/meetings';
import { iceServersFor } from '../turn/credentials';
import { sendError } from './errors';
import { StoreUnavailableError } from '../store/errors';

/** What the API routes need. */
export interface ApiDeps {
  config: ServerConfig;
  verify: TokenVerifier;
  now: () => number;
  logger: Logger;
  meetings: Meetings;
  /** Per-IP limit of session requests; false answers 429 RATE_LIMITED. */
  allowSession?: (ip: string | undefined) => boolean;
  /** Per-IP limit of meetings made; false answers 429 RATE_LIMITED. */
  allowMeeting?: (ip: string | undefined) => boolean;
}

/** Session bodies are two short strings; a small limit stops memory abuse before parsing. */
const BODY_LIMIT = '4kb';

/**
 * Origin check and CORS for `/api`. Other sites' pages must not mint tokens in a user's browser;
 * the configured extra origins (the desktop app's `app://` origin, for instance) get CORS headers.
 */
function originGuard(config: ServerConfig) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const origin = req.headers.origin;
    if (!isOriginAllowed(origin, req.headers.host, { allowed: config.allowedOrigins, publicOrigin: config.publicOrigin })) {
      sendError(res, 403, ErrorCode.ForbiddenOrigin, 'origin not allowed');
      return;
    }
    if (origin !== undefined) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Vary', 'Origin');
    }
    if (req.method === 'OPTIONS') {
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST');
      res.setHeader('Access-Control-Allow-Headers', 'Content-Type, Authorization');
      res.setHeader('Access-Control-Max-Age', '600');
      res.status(204).end();
      return;
    }
    next();
  };
}

/** `POST /api/meetings`, `POST /api/session` and `GET /api/ice-servers`. */
export function createApiRouter({ config, verify, now, logger, meetings, allowSession, allowMeeting }: ApiDeps): express.Router {
  const router = express.Router();
  router.use(originGuard(config));

  /** Before a body is read: this server issues sessions at all, and this address is under `allow`'s limit. */
  const issuing = (allow: ((ip: string | undefined) => boolean) | undefined, tooMany: string) => [
    (req: Request, res: Response, next: NextFunction): void => {
      if (!config.sessionIssuing) return sendError(res, 403, ErrorCode.SessionsDisabled, 'this server does not issue sessions; sign in with your identity provider');
      if (allow && !allow(req.socket.remoteAddress)) return sendError(res, 429, ErrorCode.RateLimited, tooMany);
      next();
    },
    express.json({ limit: BODY_LIMIT }),
  ];

  router.post(
    '/meetings',
    ...issuing(allowMeeting, 'too many meetings started from this address, slow down'),
    async (req, res) => {
      const body = createMeetingRequestSchema.safeParse(req.body ?? {});
      if (!body.success) {
        sendError(res, 400, ErrorCode.InvalidPayload, body.error.issues[0]?.message ?? 'invalid body');
        return;
      }
      const made = await meetings.create(body.data);
      if (!made) throw new Error('a fresh meeting id was taken');
      const response: CreateMeetingResponse = { meeting: made.meeting.id, hostKey: made.hostKey, settings: settingsOf(made.meeting) };
      res.setHeader('Cache-Control', 'no-store');
      res.status(201).json(response);
    },
  );

  router.post(
    '/session',
    ...issuing(allowSession, 'too many session requests from this address, slow down'),
    async (req, res) => {
      const body = sessionRequestSchema.safeParse(req.body);
      if (!body.success) {
        sendError(res, 400, ErrorCode.InvalidPayload, body.error.issues[0]?.message ?? 'invalid body');
        return;
      }
      const { room, name, hostKey, passcode } = body.data;
      const door = await meetings.sessionFor(room, { hostKey, passcode }, req.socket.remoteAddress);
      if ('error' in door) {
        sendError(res, door.status, door.error.code, door.error.message);
        return;
      }
      const { token, expiresAt } = await issueToken(config.jwt, config.tokenTtlSeconds, { room, name, role: door.role }, now());
      const response: SessionResponse = { token, room, name, expiresAt, role: door.role, ...(door.hostKey ? { hostKey: door.hostKey } : {}) };
      res.setHeader('Cache-Control', 'no-store');
      res.json(response);
    },
  );

  router.get('/ice-servers', async (req, res) => {
    const token = bearerToken(req.headers.authorization);
    if (!token) {
      sendError(res, 401, ErrorCode.Unauthorized, 'Authorization: Bearer <token> required');
      return;
    }
    try {
      await verify(token);
      res.setHeader('Cache-Control', 'no-store');
      // STUN only: TURN credentials come with a join (its answer, then ice:refresh), never before one.
      res.json(iceServersFor(config, undefined, now()));
    } catch (err) {
      if (!(err instanceof AuthError)) throw err;
      sendError(res, 401, err.code, err.message);
    }
  });

  router.use((_req: Request, res: Response) => sendError(res, 404, ErrorCode.InvalidPayload, 'no such API route'));

  // body-parser errors carry `type`; anything else is ours.
  router.use((err: { type?: string; status?: number }, _req: Request, res: Response, _next: NextFunction) => {
    if (err.type === 'entity.too.large') return sendError(res, 413, ErrorCode.PayloadTooLarge, `body larger than ${BODY_LIMIT}`);
    if (err.status !== undefined && err.status < 500) return sendError(res, 400, ErrorCode.InvalidPayload, 'malformed JSON body');
    if (err instanceof StoreUnavailableError) return sendError(res, 503, ErrorCode.StoreUnavailable, 'the call server cannot reach its state store; try again shortly');
    logger.error('API request failed', { error: String(err) });
    sendError(res, 500, ErrorCode.Internal, 'internal error');
  });
  return router;
}
