import { timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { bearerToken } from '../auth/tokens';
import { isLoopbackHost } from '../config/server-config';

/**
 * Who may read `/metrics`. It tells room counts, error rates and the media server's state: useful
 * to an attacker sizing a target. With METRICS_TOKEN set, a scraper sends
 * `Authorization: Bearer <token>`; without it, only this machine may read it, and a request a
 * reverse proxy forwarded (X-Forwarded-For or Forwarded present) does not count as this machine,
 * although it arrives from loopback.
 */
export function metricsAllowed(req: Request, token: string | undefined): boolean {
  if (token !== undefined) {
    const a = Buffer.from(bearerToken(req.headers.authorization) ?? '');
    const b = Buffer.from(token);
    return a.length === b.length && timingSafeEqual(a, b);
  }
  if (req.headers['x-forwarded-for'] !== undefined || req.headers.forwarded !== undefined) return false;
  return isLoopbackHost(req.socket.remoteAddress ?? '');
}
