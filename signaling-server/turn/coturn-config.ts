/**
 * The rendering of the repository's turnserver.conf.template with the bundled coturn's settings. Everything that lands in the file is
 * validated first: a value with a newline could otherwise add arbitrary coturn options.
 */
import path from 'node:path';
import { repoRoot } from '../config';
import { COTURN_SAFE_TOKEN as TOKEN, ipOrRange, type CoturnSettings } from '../config/coturn-settings';

/** Where the template lives (source tree; dist/ only holds compiled code). */
export const TURNSERVER_TEMPLATE = path.join(repoRoot(), 'signaling-server', 'turn', 'turnserver.conf.template');

/** Scratch files coturn writes; kept outside the repository and the system paths. */
export interface CoturnFiles {
  userdb: string;
  pidfile: string;
}


const lines = (key: string, values: string[]) => values.map((v) => `${key}=${v}`).join('\n');

/** Fills the template's {{name}} placeholders; an unknown placeholder is an error, never left in the file. */
export function renderTurnserverConf(template: string, s: CoturnSettings, files: CoturnFiles): string {
  for (const f of [files.userdb, files.pidfile]) if (/[\s#]/.test(f)) throw new Error(`coturn scratch path "${f}" has blanks or #`);
  // Settings may be built in code (tests) rather than read by the config module: check again what could inject lines.
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
