/** The TURN_* variables of the bundled coturn: whether the server starts it, and its settings. */
import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { networkInterfaces } from 'node:os';
import { envReader, type Env } from './env-reader';
import { ConfigError } from './errors';

/** What the rendered coturn configuration is made of. */
export interface CoturnSettings {
  /** Shared with the signaling server (TURN_SECRET): coturn checks the REST credentials with it. */
  secret: string;
  port: number;
  /** Empty: coturn listens on every address. */
  listeningIps: string[];
  /** Empty: coturn relays from its listening addresses. */
  relayIps: string[];
  /** `public[/private]` when coturn runs behind a 1:1 NAT. */
  externalIp?: string;
  minPort: number;
  maxPort: number;
  realm: string;
  userQuota: number;
  totalQuota: number;
  /** Bytes per second per session. */
  maxBps: number;
  /** Addresses or `a-b` ranges a relay may reach although the deny list covers them (e.g. the media server). */
  allowedPeerIps: string[];
  /** coturn's own addresses, denied as peers (an allowed peer still overrides). */
  ownIps: string[];
}

/** Every address of this host's interfaces (what coturn listening on all addresses answers on). */
export function hostAddresses(): string[] {
  return Object.values(networkInterfaces()).flatMap((list) => (list ?? []).map((a) => a.address.split('%')[0]));
}

/** What may stand in a coturn configuration value: no blanks, quotes or line breaks. */
export const COTURN_SAFE_TOKEN = /^[A-Za-z0-9._~+/=:@-]+$/;
const TOKEN = COTURN_SAFE_TOKEN;

/** An IP address or a range `a-b` of one family. */
export function ipOrRange(item: string): boolean {
  const parts = item.split('-');
  if (parts.length === 1) return isIP(item) !== 0;
  return parts.length === 2 && isIP(parts[0]) !== 0 && isIP(parts[0]) === isIP(parts[1]);
}

/** Reads the TURN_* coturn settings; throws one ConfigError naming every bad variable. */
export function coturnSettingsFromEnv(env: Env, secret: string, interfaces: () => string[] = hostAddresses): CoturnSettings {
  const { errors, read, int } = envReader(env);
  const ips = (name: string, ranges: boolean): string[] =>
    (read(name) ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '')
      .filter((s) => {
        const good = ranges ? ipOrRange(s) : isIP(s) !== 0;
        if (!good) errors.push(`${name}: "${s}" is not an IP address${ranges ? ' or a range a-b' : ''}`);
        return good;
      });

  if (!TOKEN.test(secret)) errors.push('TURN_SECRET may only hold letters, digits and ._~+/=:@- when coturn is started by the server');
  const realm = read('TURN_REALM') ?? 'confer';
  if (!TOKEN.test(realm)) errors.push(`TURN_REALM must be a plain token (got "${realm}")`);
  const externalIp = read('TURN_EXTERNAL_IP');
  if (externalIp !== undefined && !externalIp.split('/').every((p) => isIP(p) !== 0)) {
    errors.push(`TURN_EXTERNAL_IP must be an IP address or public/private (got "${externalIp}")`);
  }
  const settings: CoturnSettings = {
    secret,
    port: int('TURN_PORT', 3478, 1, 65535),
    listeningIps: ips('TURN_LISTEN_IPS', false),
    relayIps: ips('TURN_RELAY_IPS', false),
    externalIp,
    minPort: int('TURN_MIN_PORT', 49152, 1024, 65535),
    maxPort: int('TURN_MAX_PORT', 65535, 1024, 65535),
    realm,
    userQuota: int('TURN_USER_QUOTA', 12, 1, 10000),
    totalQuota: int('TURN_TOTAL_QUOTA', 1000, 1, 1000000),
    maxBps: int('TURN_MAX_BPS', 1_250_000, 0, 1_000_000_000),
    allowedPeerIps: ips('TURN_ALLOW_PEER_IPS', true),
    ownIps: [],
  };
  // Listening on every address (no TURN_LISTEN_IPS) means every interface's address is coturn's.
  const own = [...settings.listeningIps, ...settings.relayIps, ...(externalIp?.split('/') ?? [])];
  settings.ownIps = [...new Set(settings.listeningIps.length > 0 ? own : [...own, ...interfaces()])].filter((ip) => isIP(ip) !== 0);
  if (settings.minPort > settings.maxPort) errors.push(`TURN_MIN_PORT (${settings.minPort}) must not exceed TURN_MAX_PORT (${settings.maxPort})`);
  if (errors.length > 0) throw new ConfigError(`Invalid TURN configuration:\n  - ${errors.join('\n  - ')}`);
  return settings;
}

/** The bundled coturn to start, and the public host clients reach it at (TURN_PUBLIC_HOST, else guessed at start). */
export interface BundledTurnConfig {
  settings: CoturnSettings;
  publicHost?: string;
}

/** True unless TURN is configured elsewhere (TURN_URLS, TURN_URL) or TURN_BUNDLED=off. */
export function bundledTurnWanted(env: Env): boolean {
  const { read } = envReader(env);
  return read('TURN_URLS') === undefined && read('TURN_URL') === undefined && read('TURN_BUNDLED')?.toLowerCase() !== 'off';
}

/**
 * The bundled coturn's configuration, or undefined when TURN is configured elsewhere (TURN_URLS,
 * TURN_URL) or TURN_BUNDLED=off. Without TURN_SECRET a secret is generated. Throws one
 * ConfigError naming every bad variable.
 */
export function bundledTurnFromEnv(env: Env): BundledTurnConfig | undefined {
  if (!bundledTurnWanted(env)) return undefined;
  const { read } = envReader(env);
  const secret = read('TURN_SECRET') ?? randomBytes(32).toString('hex');
  return { settings: coturnSettingsFromEnv(env, secret), publicHost: read('TURN_PUBLIC_HOST') };
}
