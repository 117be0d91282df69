/**
 * Settings of the bundled coturn, read from the environment, and the rendering of the
 * repository's turnserver.conf.template with them. Everything that lands in the file is
 * validated first: a value with a newline could otherwise add arbitrary coturn options.
 */
import { isIP } from 'node:net';
import { networkInterfaces } from 'node:os';
import path from 'node:path';
import { ConfigError, MIN_SECRET_LENGTH, repoRoot } from '../config';
import { envReader, type Env } from '../env-reader';

/** Where the template lives (source tree; dist/ only holds compiled code). */
export const TURNSERVER_TEMPLATE = path.join(repoRoot(), 'signaling-server', 'turn', 'turnserver.conf.template');

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

/** Scratch files coturn writes; kept outside the repository and the system paths. */
export interface CoturnFiles {
  userdb: string;
  pidfile: string;
}


const TOKEN = /^[A-Za-z0-9._~+/=:@-]+$/;

function ipOrRange(item: string): boolean {
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
  if (secret.length < MIN_SECRET_LENGTH) errors.push(`TURN_SECRET must be at least ${MIN_SECRET_LENGTH} characters`);
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

const lines = (key: string, values: string[]) => values.map((v) => `${key}=${v}`).join('\n');

/** Fills the template's {{name}} placeholders; an unknown placeholder is an error, never left in the file. */
export function renderTurnserverConf(template: string, s: CoturnSettings, files: CoturnFiles): string {
  for (const f of [files.userdb, files.pidfile]) if (/[\s#]/.test(f)) throw new Error(`coturn scratch path "${f}" has blanks or #`);
  // Settings may be built without coturnSettingsFromEnv: check again what could inject lines.
  if (!TOKEN.test(s.secret) || !TOKEN.test(s.realm) || /[\s#]/.test(s.externalIp ?? '')) throw new Error('coturn secret, realm or external IP is not a plain token');
  if (![...s.listeningIps, ...s.relayIps, ...s.allowedPeerIps, ...s.ownIps].every(ipOrRange)) throw new Error('coturn addresses must be IPs or ranges a-b');
  const values: Record<string, string> = {
    port: String(s.port),
    'listening-ips': lines('listening-ip', s.listeningIps),
    'relay-ips': lines('relay-ip', s.relayIps),
    'external-ip': s.externalIp ? `external-ip=${s.externalIp}` : '',
    'min-port': String(s.minPort),
    'max-port': String(s.maxPort),
    secret: s.secret,
    realm: s.realm,
    userdb: files.userdb,
    pidfile: files.pidfile,
    'user-quota': String(s.userQuota),
    'total-quota': String(s.totalQuota),
    'max-bps': String(s.maxBps),
    'own-ips': lines('denied-peer-ip', s.ownIps),
    'allowed-peer-ips': lines('allowed-peer-ip', s.allowedPeerIps),
  };
  return template.replace(/\{\{([a-z-]+)\}\}/g, (_m, name: string) => {
    if (!(name in values)) throw new Error(`turnserver.conf.template: unknown placeholder {{${name}}}`);
    return values[name];
  });
}
