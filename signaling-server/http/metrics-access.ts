import { timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';

/**
 * Who may read `/metrics`. It tells room counts, error rates and the media server's state: useful
 * to an attacker sizing a target. With METRICS_TOKEN set, a scraper sends
 * `Authorization: Bearer <token>`; without it, only this machine may read it, and a request a
 * reverse proxy forwarded (X-Forwarded-For or Forwarded present) does not count as this machine,
 * although it arrives from loopback.
 */
export function metricsAllowed(req: Request, token: string | undefined): boolean {
  if (token !== undefined) {
    const given = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
    const a = Buffer.from(given);
    const b = Buffer.from(token);
    return a.length === b.length && timingSafeEqual(a, b);
  }
  if (req.headers['x-forwarded-for'] !== undefined || req.headers.forwarded !== undefined) return false;
  const remote = req.socket.remoteAddress ?? '';
  return remote === '::1' || /^(::ffff:)?127\./.test(remote);
}
