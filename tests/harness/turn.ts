/**
 * coturn in test namespaces: the product's own start-up (signaling-server/turn/coturn-process)
 * run inside a namespace, coturn's client `turnutils_uclient`, and a UDP sink that records what
 * reached addresses a relay must not reach.
 */
import { join } from 'node:path';
import { coturnSettingsFromEnv, type CoturnSettings } from '../../signaling-server/config';
import { startCoturn, type CoturnProcess } from '../../signaling-server/turn/coturn-process';
import type { NetNamespace } from './netns';
import { startUntil, type NsProcess } from './server';

/** Renders the repository's config from TURN_* variables and starts coturn inside `ns`, waiting until it answers STUN there. */
export async function startCoturnInNs(ns: NetNamespace, env: Record<string, string>, secret: string): Promise<{ coturn: CoturnProcess; settings: CoturnSettings }> {
  const settings = coturnSettingsFromEnv(env, secret);
  const host = settings.listeningIps[0];
  if (!host) throw new Error('startCoturnInNs needs TURN_LISTEN_IPS');
  const coturn = await startCoturn({
    settings,
    wrap: ['ip', 'netns', 'exec', ns.name],
    // coturn's own STUN client, run where coturn listens: the test process is outside the namespace.
    ready: async () => (await ns.exec(['turnutils_stunclient', '-p', String(settings.port), host], { timeoutMs: 2000 })).stdout.includes('reflexive addr'),
    timeoutMs: 15_000,
  });
  return { coturn, settings };
}

export interface UclientResult {
  code: number | null;
  out: string;
}

/** One `turnutils_uclient` run from inside `ns`: allocate on `server`, then send `messages` to `peer`. */
export async function uclient(
  ns: NetNamespace,
  o: { server: string; port: number; user?: string; password?: string; peer: string; peerPort: number; channel?: boolean; messages?: number },
): Promise<UclientResult> {
  const args = ['turnutils_uclient', '-p', String(o.port), '-e', o.peer, '-r', String(o.peerPort), '-n', String(o.messages ?? 5), '-m', '1', '-c'];
  // -s: Send indications (needs CreatePermission); without it uclient binds channels (ChannelBind).
  if (!o.channel) args.push('-s');
  if (o.user !== undefined) args.push('-u', o.user);
  if (o.password !== undefined) args.push('-w', o.password);
  args.push(o.server);
  const r = await ns.exec(args, { timeoutMs: 40_000 });
  return { code: r.code, out: `${r.stdout}${r.stderr}` };
}

/** A UDP sink bound to `targets` (`addr:port`) inside `ns`. */
export async function startUdpSink(ns: NetNamespace, targets: string[]): Promise<NsProcess & { received(): string[] }> {
  const proc = (await startUntil(ns, [process.execPath, join(__dirname, 'udp-sink.mjs'), ...targets], 'udp sink')) as NsProcess & { received(): string[] };
  proc.received = () => proc.log(100_000).split('\n').filter((l) => l.startsWith('recv '));
  return proc;
}
