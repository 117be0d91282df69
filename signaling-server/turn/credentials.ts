import { createHmac } from 'node:crypto';
import type { IceServer, IceServersResponse } from '../../protocol';

/** The part of the configuration that describes ICE servers. */
export interface IceConfig {
  stunUrls: string[];
  turnUrls: string[];
  turnSecret?: string;
  turnTtlSeconds: number;
  /** 'relay': clients must send media through TURN only. */
  iceTransportPolicy?: 'all' | 'relay';
}

/**
 * TURN REST credentials (the scheme coturn checks with `use-auth-secret`): username
 * `expiry:userId`, password base64(HMAC-SHA1(secret, username)). They expire on their own, so a
 * leaked pair is only useful until `expiry`.
 */
export function turnCredentials(secret: string, userId: string, ttlSeconds: number, nowMs: number) {
  const expiry = Math.floor(nowMs / 1000) + ttlSeconds;
  const username = `${expiry}:${userId}`;
  const credential = createHmac('sha1', secret).update(username).digest('base64');
  return { username, credential, expiresAt: expiry * 1000 };
}

/** The ICE servers one user gets: STUN entries and, when TURN is configured, a TURN entry with fresh credentials. */
export function iceServersFor(config: IceConfig, userId: string, nowMs: number): IceServersResponse {
  const iceServers: IceServer[] = [];
  if (config.stunUrls.length > 0) iceServers.push({ urls: [...config.stunUrls] });
  if (config.turnUrls.length === 0 || !config.turnSecret) return { iceServers };
  const { username, credential, expiresAt } = turnCredentials(config.turnSecret, userId, config.turnTtlSeconds, nowMs);
  iceServers.push({ urls: [...config.turnUrls], username, credential });
  return config.iceTransportPolicy === 'relay' ? { iceServers, expiresAt, iceTransportPolicy: 'relay' } : { iceServers, expiresAt };
}
