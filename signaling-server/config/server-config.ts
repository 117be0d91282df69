import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Limits } from '../../protocol';
import { envReader, type Env } from './env-reader';
import { ConfigError } from './errors';
import { recordingConfigFromEnv, type RecordingConfig } from './recording-settings';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

/** How tokens are signed and checked. */
export interface JwtConfig {
  /** HS256 key for tokens issued by POST /api/session. */
  secret: Uint8Array;
  /** True when JWT_SECRET was unset and the secret was generated at start (tokens die with the process). */
  secretGenerated: boolean;
  /** JWKS of a company identity provider; tokens signed with its asymmetric keys are accepted too. */
  jwksUrl?: URL;
  issuer?: string;
  audience?: string;
}

/** Everything the server reads from its environment, validated. */
export interface ServerConfig {
  port: number;
  host: string;
  staticDir: string;
  jwt: JwtConfig;
  sessionIssuing: boolean;
  /** ROOM_NAMES: 'meetings' (only ids made by POST /api/meetings open) or 'open' (typed names too, each starting with the waiting room on). */
  roomNames: 'meetings' | 'open';
  /** MEETING_TTL_HOURS in ms: how long a meeting's link works after its last join or leave. */
  meetingTtlMs: number;
  /** MEETING_CREATE_PER_SEC/BURST: POST /api/meetings per client address; PASSCODE_TRIES_PER_MINUTE: wrong passcodes per meeting and per address. */
  meetingRateLimit: { perSec: number; burst: number };
  passcodeTriesPerMinute: number;
  tokenTtlSeconds: number;
  /** Extra allowed origins, normalised to `scheme://host[:port]`. Same-origin is always allowed. */
  allowedOrigins: string[];
  /** The origin users open the app at (PUBLIC_ORIGIN), normalised; required for a server reached by a DNS name. */
  publicOrigin?: string;
  /** Bearer token a scraper must send for /metrics (METRICS_TOKEN); unset: this machine only. */
  metricsToken?: string;
  stunUrls: string[];
  turnUrls: string[];
  turnSecret?: string;
  turnTtlSeconds: number;
  /** ICE_TRANSPORT_POLICY: 'relay' tells clients to send media only through TURN. */
  iceTransportPolicy: 'all' | 'relay';
  rateLimit: { perSec: number; burst: number };
  maxParticipants: number;
  logLevel: LogLevel;
  /** Shared state and cross-node events on Redis; undefined: one node, in-memory store. */
  redisUrl?: string;
  /** Key and channel prefix in Redis (several deployments can share one Redis). */
  redisPrefix: string;
  /** This node's id in the cluster (random by default). */
  nodeId: string;
  /** How long a participant whose connection is lost is kept for a resume before the others are told it left. */
  resumeGraceMs: number;
  /**
   * The same after a ping timeout: a network that vanished without a word (a link cut, a tunnel),
   * noticed 20-45 s late. Long enough that a 30 s cut resumes the same participant.
   */
  resumeGraceAfterTimeoutMs: number;
  resumeTokenTtlSeconds: number;
  /** Rooms the server (the cluster, with Redis) holds at once; the next new room gets TOO_MANY_ROOMS. */
  maxRooms: number;
  /** Per client IP: Socket.IO connections and POST /api/session calls. */
  connectionRateLimit: { perSec: number; burst: number };
  sessionRateLimit: { perSec: number; burst: number };
  /** Every Socket.IO packet (events of any name, with or without an ack, CONNECTs) per client address, over all its connections. */
  addressRateLimit: { perSec: number; burst: number };
  /** A connection that has not joined a room this long after connecting is closed. */
  joinTimeoutMs: number;
  /** Open Socket.IO connections per client address (per node). */
  maxSocketsPerAddress: number;
  /** Rooms the participants from one client address are in at once (per node). */
  maxRoomsPerAddress: number;
  /** Live participants one user (token subject) may have in one room (per node). */
  maxParticipantsPerUser: number;
  /** TOPOLOGY_HOLDDOWN_SECONDS in ms: how long a room on the SFU stays at most meshMax before it returns to mesh. */
  topologyHoldDownMs: number;
  /** MESH_MAX_PARTICIPANTS: the largest room kept peer to peer; one more moves it to the SFU. */
  meshMax: number;
  /** SFU_PREWARM: a full mesh room keeps an idle, connected SFU path so a switch starts warm. */
  sfuPrewarm: boolean;
  /** RECORDING, RECORDINGS_DIR, RECORDING_WORKERS, RECORDING_LINK_TTL_SECONDS. */
  recording: RecordingConfig;
}

/** What else decides whether a configuration holds together. */
export interface LoadConfigOptions {
  /** The server starts its own coturn, which will provide TURN_URLS and TURN_SECRET. */
  bundledTurn?: boolean;
}

const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error', 'silent'];
/**
 * Shortest JWT_SECRET and TURN_SECRET accepted: each is an HMAC key, and keys shorter than the hash
 * output weaken the MAC (RFC 7518 section 3.2).
 */
export const MIN_SECRET_LENGTH = 32;

/** The repository root: the nearest folder above this file holding package.json (works from source and from dist/). */
export function repoRoot(from: string = __dirname): string {
  let dir = from;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}

/** `scheme://host[:port]` of a URL; unlike `URL.origin` it keeps custom schemes such as Electron's `app://`. */
export function normaliseOrigin(value: string): string | undefined {
  try {
    const url = new URL(value);
    if (!url.host) return undefined;
    return `${url.protocol}//${url.host}`.toLowerCase();
  } catch {
    return undefined;
  }
}

/** localhost, 127.0.0.0/8 or ::1 (also bracketed or IPv4-mapped): a host whose traffic never leaves this machine. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[(.*)\]$/, '$1').replace(/^::ffff:/i, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
}

/** Reads and validates the configuration; throws one ConfigError listing every problem. */
export function loadConfig(env: Env, options: LoadConfigOptions = {}): ServerConfig {
  const reader = envReader(env);
  const { errors, read, int } = reader;
  const list = (name: string, check: (item: string) => string | undefined): string[] =>
    (read(name) ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '')
      .flatMap((item) => {
        const problem = check(item);
        if (problem) errors.push(`${name}: "${item}" ${problem}`);
        return problem ? [] : [item];
      });
  const urlScheme = (schemes: string[]) => (item: string) =>
    schemes.some((s) => item.startsWith(`${s}:`)) ? undefined : `must start with ${schemes.map((s) => `${s}:`).join(' or ')}`;

  const logLevel = (read('LOG_LEVEL') ?? 'info').toLowerCase() as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) errors.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${logLevel}")`);

  // With a company identity provider, anonymous tokens beside it would open every meeting to
  // anyone: the server issues none unless told to.
  const issuing = (read('SESSION_ISSUING') ?? (read('JWT_JWKS_URL') === undefined ? 'on' : 'off')).toLowerCase();
  if (issuing !== 'on' && issuing !== 'off') errors.push(`SESSION_ISSUING must be "on" or "off" (got "${issuing}")`);

  const prewarm = (read('SFU_PREWARM') ?? 'on').toLowerCase();
  if (prewarm !== 'on' && prewarm !== 'off') errors.push(`SFU_PREWARM must be "on" or "off" (got "${prewarm}")`);

  const roomNames = (read('ROOM_NAMES') ?? 'meetings').toLowerCase();
  if (roomNames !== 'meetings' && roomNames !== 'open') errors.push(`ROOM_NAMES must be "meetings" or "open" (got "${roomNames}")`);

  const secretText = read('JWT_SECRET');
  const turnSecret = read('TURN_SECRET');
  if (turnSecret !== undefined && turnSecret.length < MIN_SECRET_LENGTH) {
    errors.push(`TURN_SECRET must be at least ${MIN_SECRET_LENGTH} characters`);
  }
  if (secretText !== undefined && secretText.length < MIN_SECRET_LENGTH) {
    errors.push(`JWT_SECRET must be at least ${MIN_SECRET_LENGTH} characters`);
  }

  let jwksUrl: URL | undefined;
  const jwksText = read('JWT_JWKS_URL');
  if (jwksText !== undefined) {
    try {
      jwksUrl = new URL(jwksText);
      // Keys fetched over plain http could be swapped on the way: anyone on the path could mint tokens.
      if (jwksUrl.protocol !== 'https:' && !(jwksUrl.protocol === 'http:' && isLoopbackHost(jwksUrl.hostname))) throw new Error('scheme');
    } catch {
      errors.push(`JWT_JWKS_URL must be an https URL (http only for localhost) (got "${jwksText}")`);
      jwksUrl = undefined;
    }
  }

  const policy = (read('ICE_TRANSPORT_POLICY') ?? 'all').toLowerCase();
  if (policy !== 'all' && policy !== 'relay') errors.push(`ICE_TRANSPORT_POLICY must be "all" or "relay" (got "${policy}")`);
  else if (policy === 'relay' && !options.bundledTurn && (!read('TURN_URLS') || !read('TURN_SECRET'))) {
    errors.push('ICE_TRANSPORT_POLICY=relay needs TURN_URLS and TURN_SECRET (or the bundled coturn): without TURN no call could connect');
  }

  const redisUrl = read('REDIS_URL');
  if (redisUrl !== undefined && !/^rediss?:\/\/\S+$/.test(redisUrl)) errors.push(`REDIS_URL must start with redis:// or rediss:// (got "${redisUrl}")`);
  if (redisUrl !== undefined && secretText === undefined) {
    errors.push('REDIS_URL needs JWT_SECRET: every node must accept the tokens and resume tokens of the others');
  }
  const nodeId = read('NODE_ID') ?? randomBytes(6).toString('hex');
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(nodeId)) errors.push(`NODE_ID must be 1-64 letters, digits, - or _ (got "${nodeId}")`);

  const allowedOrigins = list('ALLOWED_ORIGINS', (item) =>
    normaliseOrigin(item) ? undefined : 'is not an origin such as https://example.com',
  ).map((item) => normaliseOrigin(item) as string);

  const metricsToken = read('METRICS_TOKEN');
  if (metricsToken !== undefined && metricsToken.length < 16) errors.push('METRICS_TOKEN must be at least 16 characters');
  const publicOriginText = read('PUBLIC_ORIGIN');
  const publicOrigin = publicOriginText === undefined ? undefined : normaliseOrigin(publicOriginText);
  if (publicOriginText !== undefined && (!publicOrigin || !/^https?:/.test(publicOrigin))) {
    errors.push(`PUBLIC_ORIGIN must be an http(s) origin such as https://meet.example.com (got "${publicOriginText}")`);
  }

  const config: ServerConfig = {
    port: int('PORT', 8080, 0, 65535),
    host: read('HOST') ?? '0.0.0.0',
    staticDir: path.resolve(repoRoot(), read('STATIC_DIR') ?? 'dist/renderer'),
    jwt: {
      secret: secretText !== undefined ? new TextEncoder().encode(secretText) : randomBytes(32),
      secretGenerated: secretText === undefined,
      jwksUrl,
      issuer: read('JWT_ISSUER'),
      audience: read('JWT_AUDIENCE'),
    },
    sessionIssuing: issuing !== 'off',
    roomNames: roomNames === 'open' ? 'open' : 'meetings',
    meetingTtlMs: int('MEETING_TTL_HOURS', 24, 1, 24 * 365) * 3_600_000,
    meetingRateLimit: { perSec: int('MEETING_CREATE_PER_SEC', 1, 1, 100000), burst: int('MEETING_CREATE_BURST', 20, 1, 100000) },
    passcodeTriesPerMinute: int('PASSCODE_TRIES_PER_MINUTE', 10, 1, 100000),
    tokenTtlSeconds: int('TOKEN_TTL_SECONDS', 43200, 60, 30 * 86400),
    allowedOrigins,
    publicOrigin,
    metricsToken,
    stunUrls: list('STUN_URLS', urlScheme(['stun', 'stuns'])),
    turnUrls: list('TURN_URLS', urlScheme(['turn', 'turns'])),
    turnSecret,
    turnTtlSeconds: int('TURN_TTL_SECONDS', 3600, 60, 7 * 86400),
    iceTransportPolicy: policy === 'relay' ? 'relay' : 'all',
    rateLimit: { perSec: int('RATE_LIMIT_PER_SEC', 50, 1, 100000), burst: int('RATE_LIMIT_BURST', 200, 1, 100000) },
    maxParticipants: int('MAX_PARTICIPANTS', Limits.maxParticipants, 1, Limits.largestRoom),
    logLevel,
    redisUrl,
    redisPrefix: read('REDIS_PREFIX') ?? 'confer:',
    nodeId,
    // 5 s: long enough for a failover resume (< 3 s), short enough that a crashed tab is gone for the others within 10 s.
    resumeGraceMs: int('RESUME_GRACE_MS', 5_000, 0, 300_000),
    // 30 s: a 30 s link cut is noticed by the ping (20-45 s in) and then resumes within this.
    resumeGraceAfterTimeoutMs: int('RESUME_GRACE_AFTER_TIMEOUT_MS', 30_000, 0, 300_000),
    resumeTokenTtlSeconds: int('RESUME_TOKEN_TTL_SECONDS', 600, 30, 86400),
    maxRooms: int('MAX_ROOMS', 10_000, 1, 10_000_000),
    connectionRateLimit: { perSec: int('CONNECTION_RATE_PER_SEC', 10, 1, 100000), burst: int('CONNECTION_RATE_BURST', 60, 1, 100000) },
    sessionRateLimit: { perSec: int('SESSION_RATE_PER_SEC', 5, 1, 100000), burst: int('SESSION_RATE_BURST', 30, 1, 100000) },
    addressRateLimit: { perSec: int('ADDRESS_RATE_PER_SEC', 1000, 1, 1_000_000), burst: int('ADDRESS_RATE_BURST', 4000, 1, 1_000_000) },
    joinTimeoutMs: int('JOIN_TIMEOUT_MS', 30_000, 100, 3_600_000),
    maxSocketsPerAddress: int('MAX_SOCKETS_PER_ADDRESS', 200, 1, 1_000_000),
    maxRoomsPerAddress: int('MAX_ROOMS_PER_ADDRESS', 50, 1, 1_000_000),
    maxParticipantsPerUser: int('MAX_PARTICIPANTS_PER_USER', 1, 1, Limits.largestRoom),
    topologyHoldDownMs: int('TOPOLOGY_HOLDDOWN_SECONDS', 15, 0, 3600) * 1000,
    meshMax: int('MESH_MAX_PARTICIPANTS', Limits.meshMax, 1, Limits.meshMax),
    sfuPrewarm: prewarm === 'on',
    recording: recordingConfigFromEnv(reader, repoRoot()),
  };
  if (errors.length > 0) throw new ConfigError(`Invalid configuration:\n  - ${errors.join('\n  - ')}`);
  return config;
}
