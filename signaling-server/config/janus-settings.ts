/** The JANUS_* variables: which media server to use, and the settings of the bundled Janus. */
import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { envReader, type Env } from './env-reader';
import { ConfigError } from './errors';

/** What may stand inside a quoted jcfg string: no quotes, backslashes, blanks or control characters. */
export const JANUS_SAFE_TOKEN = /^[A-Za-z0-9._~+/=:@,-]+$/;
const SAFE = JANUS_SAFE_TOKEN;

/** What the rendered configuration is made of. */
export interface JanusSettings {
  /** Janus API WebSocket (only the signaling server connects to it). */
  wsPort: number;
  wsIp: string;
  /**
   * Admin API WebSocket, bound to 127.0.0.1; off (undefined) unless JANUS_ADMIN_PORT names a port.
   * The product never uses it, and an open admin API is one more door for a local process.
   */
  adminPort?: number;
  adminSecret: string;
  /** HMAC key of the signed tokens every Janus API request carries (token_auth_secret). */
  tokenSecret: string;
  /** VideoRoom `admin_key`: needed to create rooms. */
  videoroomAdminKey: string;
  rtpMinPort: number;
  rtpMaxPort: number;
  /** Seconds a session survives its WebSocket (reclaim_session_timeout). */
  reclaimSeconds: number;
  /** Public addresses for a 1:1 NAT (nat_1_1_mapping), empty when none. */
  nat11: string[];
  /** Interfaces or address prefixes ICE skips / is limited to. */
  iceIgnoreList: string[];
  iceEnforceList: string[];
  /** `host:port` of a STUN server Janus asks for its public address, if any. */
  stunServer?: { host: string; port: number };
  debugLevel: number;
}

/** A fresh random secret (URL-safe, 43 characters). */
function randomSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** Reads the settings of the bundled Janus; secrets missing from the environment are generated. Throws one ConfigError naming every bad variable. */
export function janusSettingsFromEnv(env: Env): JanusSettings {
  const { errors, read, int } = envReader(env);
  const secret = (name: string): string => {
    const v = read(name);
    if (v === undefined) return randomSecret();
    if (!SAFE.test(v)) errors.push(`${name} may only hold letters, digits and ._~+/=:@,-`);
    else if (v.length < 16) errors.push(`${name} must be at least 16 characters`);
    return v;
  };
  const list = (name: string, fallback: string[], check: (s: string) => boolean, what: string): string[] => {
    const raw = read(name);
    if (raw === undefined) return fallback;
    return raw
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '')
      .filter((s) => {
        if (!check(s)) errors.push(`${name}: "${s}" is not ${what}`);
        return check(s);
      });
  };

  const wsIp = read('JANUS_WS_IP') ?? '127.0.0.1';
  if (isIP(wsIp) === 0) errors.push(`JANUS_WS_IP must be an IP address (got "${wsIp}")`);

  let rtpMinPort = 20000;
  let rtpMaxPort = 20999;
  const rtp = read('JANUS_RTP_PORTS');
  if (rtp !== undefined) {
    const m = /^(\d+)-(\d+)$/.exec(rtp);
    const lo = Number(m?.[1]);
    const hi = Number(m?.[2]);
    if (!m || lo < 1024 || hi > 65535 || lo > hi) errors.push(`JANUS_RTP_PORTS must be a range min-max within 1024-65535 (got "${rtp}")`);
    else [rtpMinPort, rtpMaxPort] = [lo, hi];
  }

  let stunServer: JanusSettings['stunServer'];
  const stun = read('JANUS_STUN_SERVER');
  if (stun !== undefined) {
    const m = /^([A-Za-z0-9.-]+)(?::(\d+))?$/.exec(stun);
    const port = Number(m?.[2] ?? 3478);
    if (!m || port < 1 || port > 65535) errors.push(`JANUS_STUN_SERVER must be host[:port] (got "${stun}")`);
    else stunServer = { host: m[1], port };
  }

  const iface = (s: string) => SAFE.test(s) && !s.includes(',');
  const settings: JanusSettings = {
    wsPort: int('JANUS_WS_PORT', 8188, 1, 65535),
    wsIp,
    adminPort: read('JANUS_ADMIN_PORT') === undefined ? undefined : int('JANUS_ADMIN_PORT', 7188, 1, 65535),
    adminSecret: secret('JANUS_ADMIN_SECRET'),
    tokenSecret: secret('JANUS_TOKEN_SECRET'),
    videoroomAdminKey: secret('JANUS_VIDEOROOM_ADMIN_KEY'),
    rtpMinPort,
    rtpMaxPort,
    reclaimSeconds: int('JANUS_RECLAIM_SECONDS', 20, 1, 3600),
    nat11: list('JANUS_NAT_1_1', [], (s) => isIP(s) !== 0, 'an IP address'),
    iceIgnoreList: list('JANUS_ICE_IGNORE_LIST', ['vmnet'], iface, 'an interface name or address prefix'),
    iceEnforceList: list('JANUS_ICE_ENFORCE_LIST', [], iface, 'an interface name or address prefix'),
    stunServer,
    debugLevel: int('JANUS_DEBUG_LEVEL', 4, 0, 7),
  };
  if (settings.wsPort === settings.adminPort) errors.push(`JANUS_WS_PORT and JANUS_ADMIN_PORT must differ (both ${settings.wsPort})`);
  if (errors.length > 0) throw new ConfigError(`Invalid Janus configuration:\n  - ${errors.join('\n  - ')}`);
  return settings;
}

/**
 * Which media server the server uses: one or several Janus at `urls` (JANUS_URL, or JANUS_URLS for a
 * pool sharing one token secret and admin key), the bundled Janus (when
 * installed; JANUS_BUNDLED not `off`), or none (rooms stay mesh).
 */
export type SfuConfig =
  | { kind: 'external'; urls: string[]; tokenSecret: string; videoroomAdminKey?: string }
  | { kind: 'bundled'; settings: JanusSettings; modulesDir?: string }
  | { kind: 'off' };

/** Reads JANUS_URL, JANUS_BUNDLED and the bundled Janus's settings; throws one ConfigError naming every bad variable. */
export function sfuConfigFromEnv(env: Env): SfuConfig {
  const { read } = envReader(env);
  const one = read('JANUS_URL');
  const pool = read('JANUS_URLS');
  if (one !== undefined || pool !== undefined) {
    const problems: string[] = [];
    if (one !== undefined && pool !== undefined) problems.push('set JANUS_URL (one Janus) or JANUS_URLS (a pool), not both');
    const name = pool !== undefined ? 'JANUS_URLS' : 'JANUS_URL';
    const urls = (pool ?? one ?? '').split(',').map((u) => u.trim()).filter((u) => u.length > 0);
    if (urls.length === 0) problems.push(`${name} names no Janus`);
    const shape = pool !== undefined ? 'must hold ws:// or wss:// URLs' : 'must be a ws:// or wss:// URL';
    for (const url of urls) if (!/^wss?:\/\/\S+$/.test(url)) problems.push(`${name} ${shape} (got "${url}")`);
    if (new Set(urls).size !== urls.length) problems.push(`${name} names a Janus twice`);
    const tokenSecret = read('JANUS_TOKEN_SECRET');
    // A Janus without token auth admits every client that reaches it, so an external one must use it.
    if (tokenSecret === undefined) problems.push(`${name} needs JANUS_TOKEN_SECRET (the token_auth_secret of that Janus): a Janus without token auth admits anyone`);
    else if (tokenSecret.length < 16) problems.push('JANUS_TOKEN_SECRET must be at least 16 characters');
    if (problems.length > 0 || tokenSecret === undefined) throw new ConfigError(`Invalid Janus configuration:\n  - ${problems.join('\n  - ')}`);
    return { kind: 'external', urls, tokenSecret, videoroomAdminKey: read('JANUS_VIDEOROOM_ADMIN_KEY') };
  }
  if (read('JANUS_BUNDLED')?.toLowerCase() === 'off') return { kind: 'off' };
  return { kind: 'bundled', settings: janusSettingsFromEnv(env), modulesDir: read('JANUS_MODULES_DIR') };
}
