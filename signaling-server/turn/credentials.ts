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
 * `expiry:participantId`, password base64(HMAC-SHA1(secret, username)). They expire on their own, so a
 * leaked pair is only useful until `expiry`.
 */
export function turnCredentials(secret: string, user: string, ttlSeconds: number, nowMs: number) {
  const expiry = Math.floor(nowMs / 1000) + ttlSeconds;
  const username = `${expiry}:${user}`;
  const credential = createHmac('sha1', secret).update(username).digest('base64');
  return { username, credential, expiresAt: expiry * 1000 };
}

/**
 * The ICE servers a client gets: STUN entries and, for a participant who has joined a room and
 * when TURN is configured, a TURN entry with fresh credentials in its participant id's name.
 * Before a join (`participantId` undefined) only STUN: relays cost bandwidth and open a path into
 * the network, so they go to people in a meeting, and coturn's per-user quota then binds each
 * participant rather than any id a client cares to mint.
 */
export function iceServersFor(config: IceConfig, participantId: string | undefined, nowMs: number): IceServersResponse {
  const iceServers: IceServer[] = [];
  if (config.stunUrls.length > 0) iceServers.push({ urls: [...config.stunUrls] });
  if (participantId === undefined || config.turnUrls.length === 0 || !config.turnSecret) return { iceServers };
  const { username, credential, expiresAt } = turnCredentials(config.turnSecret, participantId, config.turnTtlSeconds, nowMs);
  iceServers.push({ urls: [...config.turnUrls], username, credential });
  return config.iceTransportPolicy === 'relay' ? { iceServers, expiresAt, iceTransportPolicy: 'relay' } : { iceServers, expiresAt };
}
