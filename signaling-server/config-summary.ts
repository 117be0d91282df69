import { existsSync } from 'node:fs';
import path from 'node:path';
import type { ServerConfig } from './config';

/** Human-readable lines describing the configuration. Never prints secrets, only whether they are set. */
export function describeConfig(config: ServerConfig): string[] {
  const list = (items: string[]) => (items.length > 0 ? items.join(', ') : 'none');
  const hasIndex = existsSync(path.join(config.staticDir, 'index.html'));
  const turnOn = config.turnUrls.length > 0 && config.turnSecret !== undefined;
  const turnNote =
    config.turnUrls.length > 0 && !config.turnSecret ? ' (TURN_URLS set but TURN_SECRET missing: no TURN entry is given)' : '';
  return [
    `  listen           ${config.host}:${config.port}`,
    `  static dir       ${config.staticDir}${hasIndex ? '' : ' (no index.html: run npm run build)'}`,
    `  JWT secret       ${config.jwt.secretGenerated ? 'generated at start (tokens end with this process)' : 'from JWT_SECRET'}`,
    `  JWKS             ${config.jwt.jwksUrl ? `${config.jwt.jwksUrl.origin}${config.jwt.jwksUrl.pathname}` : 'none'}`,
    `  issuer/audience  ${config.jwt.issuer ?? '-'} / ${config.jwt.audience ?? '-'}`,
    `  session issuing  ${config.sessionIssuing ? 'on' : 'off'}, token TTL ${config.tokenTtlSeconds} s`,
    `  public origin    ${config.publicOrigin ?? 'none (pages count as same-origin only at an IP address or localhost; a DNS name needs PUBLIC_ORIGIN)'}`,
    `  allowed origins  same-origin + ${list(config.allowedOrigins)}`,
    `  STUN             ${list(config.stunUrls)}`,
    `  TURN             ${turnOn ? `${list(config.turnUrls)}, credentials TTL ${config.turnTtlSeconds} s, ICE policy ${config.iceTransportPolicy}` : 'off'}${turnNote}`,
    `  rate limit       ${config.rateLimit.perSec}/s, burst ${config.rateLimit.burst} per connection; ${config.addressRateLimit.perSec}/s, burst ${config.addressRateLimit.burst} per address`,
    `  caps             ${config.maxSocketsPerAddress} connections and ${config.maxRoomsPerAddress} rooms per address, ${config.maxParticipantsPerUser} seat per user and room, join within ${config.joinTimeoutMs / 1000} s`,
    `  max participants ${config.maxParticipants} per room (peer to peer up to ${config.meshMax}), max rooms ${config.maxRooms}`,
    `  state            ${config.redisUrl ? `Redis at ${redisHost(config.redisUrl)} (node ${config.nodeId})` : 'in memory (one node)'}, resume grace ${config.resumeGraceMs} ms`,
    `  recording        ${config.recording.enabled ? `on, ${config.recording.dir}, ${config.recording.workers} at a time, stored ${config.recording.s3 ? `in s3://${config.recording.s3.bucket}/${config.recording.s3.prefix}` : 'there'}` : 'off'}`,
    `  log level        ${config.logLevel}`,
    ...configWarnings(config).map((w) => `  WARNING          ${w}`),
  ];
}

/** Settings that work but leave a door open; printed at start. */
export function configWarnings(config: ServerConfig): string[] {
  const warnings: string[] = [];
  if (config.jwt.jwksUrl && !config.jwt.audience) {
    warnings.push("JWT_JWKS_URL without JWT_AUDIENCE: any token of the identity provider is accepted, also those it issued for other applications");
  }
  if (config.jwt.jwksUrl && config.sessionIssuing) {
    warnings.push('SESSION_ISSUING=on beside JWT_JWKS_URL: anyone can get an anonymous token besides the identity provider\'s');
  }
  return warnings;
}

/** host:port of a Redis URL; a password in it is never printed. */
function redisHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '(unparsable)';
  }
}
