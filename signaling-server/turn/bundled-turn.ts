/**
 * `npm start` on embedded defaults: when no TURN server is configured (TURN_URLS / TURN_URL) and
 * Debian's coturn is installed, start it with the repository's configuration and hand the
 * signaling server the matching TURN URLs and secret.
 */
import { networkInterfaces } from 'node:os';
import { isIPv6 } from 'node:net';
import type { BundledTurnConfig } from '../config';
import { coturnInstalled, startCoturn, type CoturnProcess } from './coturn-process';

/** The started coturn and what the server's configuration must take from it. */
export interface BundledTurn {
  /** The TURN URLs clients use. */
  urls: string[];
  /** The shared secret coturn checks credentials with. */
  secret: string;
  coturn: CoturnProcess;
  stop(): Promise<void>;
}

/** First non-internal IPv4 address: what LAN clients can most likely reach. */
function defaultPublicHost(): string {
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return '127.0.0.1';
}

/**
 * Starts the bundled coturn the config module asked for; null when coturn is missing (with a
 * note). A coturn that will not start is reported and the server runs without TURN.
 */
export async function startBundledTurn({ settings, publicHost }: BundledTurnConfig): Promise<BundledTurn | null> {
  if (!coturnInstalled()) {
    console.info('TURN: coturn (turnserver) is not installed; calls between networks without a direct path will fail');
    return null;
  }
  const host = publicHost || settings.externalIp?.split('/')[0] || settings.listeningIps[0] || defaultPublicHost();
  // Two clients that both relay talk relay-to-relay: the peer is coturn's own address, which the
  // deny list covers (that address also reaches every UDP service of this host). We do not widen
  // the list on our own; the operator may, by name.
  if (!settings.allowedPeerIps.includes(host)) {
    console.info(`TURN: relay-to-relay calls through ${host} need TURN_ALLOW_PEER_IPS=${host}`);
  }
  let coturn: CoturnProcess;
  try {
    coturn = await startCoturn({ settings, onLine: (l) => /ERROR/.test(l) && console.warn(`coturn: ${l}`) });
  } catch (err) {
    console.warn(`TURN: the bundled coturn did not start; continuing without TURN. ${(err as Error).message}`);
    return null;
  }
  // If the server dies without stop(), its coturn must not outlive it.
  const killOnExit = () => coturn.kill();
  process.once('exit', killOnExit);
  const hostPart = isIPv6(host) ? `[${host}]` : host;
  const urls = ['udp', 'tcp'].map((t) => `turn:${hostPart}:${settings.port}?transport=${t}`);
  console.info(`TURN: bundled coturn (pid ${coturn.pid}) on port ${settings.port}, clients use ${urls.join(', ')}`);
  return {
    urls,
    secret: settings.secret,
    coturn,
    stop: async () => {
      process.off('exit', killOnExit);
      await coturn.stop();
    },
  };
}
