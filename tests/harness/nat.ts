/**
 * Two clients, each behind its own symmetric NAT, and a 'public' namespace for the signaling
 * server and coturn:
 *
 *   client-a 192.168.10.2 ─ router-a (lan 192.168.10.1 | wan 10.80.1.2) ─┐
 *                                                                          public 10.80.0.1 (lo), 10.80.1.1, 10.80.2.1
 *   client-b 192.168.20.2 ─ router-b (lan 192.168.20.1 | wan 10.80.2.2) ─┘
 *
 * Routers masquerade with --random-fully (a new random port per destination: symmetric NAT)
 * and forward from their LAN only to the public server address, replies only by conntrack.
 * The public namespace does not forward, so no client can reach the other except through a
 * relay on 10.80.0.1. All veths are created inside these namespaces and die with them.
 */
import { join } from 'node:path';
import { NetNamespace } from './netns';
import { NsProcess } from './server';
import { waitFor } from './probes';

export const PUBLIC_IP = '10.80.0.1';

export interface NatSide {
  router: NetNamespace;
  client: NetNamespace;
  lanIp: string;
  wanIp: string;
}

export interface NatTopology {
  pub: NetNamespace;
  sides: [NatSide, NatSide];
  /** Deletes every namespace (clients first); idempotent. */
  destroy(): void;
}

function wireSide(pub: NetNamespace, n: 1 | 2, made: NetNamespace[]): NatSide {
  const router = NetNamespace.create({ veth: false });
  made.push(router);
  const client = NetNamespace.create({ veth: false });
  made.push(client);
  const wanIp = `10.80.${n}.2`;
  const lanIp = `192.168.${n}0.2`;
  pub.execSync(['ip', 'link', 'add', `pwan${n}`, 'type', 'veth', 'peer', 'name', 'wan', 'netns', router.name]);
  pub.execSync(['ip', 'addr', 'add', `10.80.${n}.1/24`, 'dev', `pwan${n}`]);
  pub.execSync(['ip', 'link', 'set', `pwan${n}`, 'up']);
  router.execSync(['ip', 'link', 'add', 'lan', 'type', 'veth', 'peer', 'name', 'eth0', 'netns', client.name]);
  for (const cmd of [
    ['ip', 'addr', 'add', `${wanIp}/24`, 'dev', 'wan'],
    ['ip', 'link', 'set', 'wan', 'up'],
    ['ip', 'addr', 'add', `192.168.${n}0.1/24`, 'dev', 'lan'],
    ['ip', 'link', 'set', 'lan', 'up'],
    ['ip', 'route', 'add', `${PUBLIC_IP}/32`, 'via', `10.80.${n}.1`],
    ['sysctl', '-q', '-w', 'net.ipv4.ip_forward=1'],
    ['iptables', '-t', 'nat', '-A', 'POSTROUTING', '-o', 'wan', '-j', 'MASQUERADE', '--random-fully'],
    ['iptables', '-P', 'FORWARD', 'DROP'],
    ['iptables', '-A', 'FORWARD', '-i', 'lan', '-o', 'wan', '-d', PUBLIC_IP, '-j', 'ACCEPT'],
    ['iptables', '-A', 'FORWARD', '-i', 'wan', '-o', 'lan', '-m', 'conntrack', '--ctstate', 'ESTABLISHED,RELATED', '-j', 'ACCEPT'],
  ]) router.execSync(cmd);
  client.execSync(['ip', 'addr', 'add', `${lanIp}/24`, 'dev', 'eth0']);
  client.execSync(['ip', 'link', 'set', 'eth0', 'up']);
  client.execSync(['ip', 'route', 'add', 'default', 'via', `192.168.${n}0.1`]);
  return { router, client, lanIp, wanIp };
}

/** Builds the topology; on any failure deletes what it made and rethrows. */
export function createNatTopology(): NatTopology {
  const made: NetNamespace[] = [];
  const destroy = () => {
    for (const ns of made.reverse()) ns.destroy();
    made.length = 0;
  };
  try {
    const pub = NetNamespace.create({ veth: false });
    made.push(pub);
    pub.execSync(['ip', 'addr', 'add', `${PUBLIC_IP}/32`, 'dev', 'lo']);
    pub.execSync(['sysctl', '-q', '-w', 'net.ipv4.ip_forward=0']);
    const a = wireSide(pub, 1, made);
    const b = wireSide(pub, 2, made);
    return { pub, sides: [a, b], destroy };
  } catch (e) {
    destroy();
    throw e;
  }
}

/**
 * `tc` arguments after `root`/`parent` for a token bucket at `capBps` with a `latencyMs` queue. Its
 * burst is 20 ms at the rate and never under one full packet (1600 bytes): tbf drops every packet
 * larger than its burst, so a burst under one MTU lets the small audio packets through and drops
 * all the video (a "150 kbit/s" cap with a 500-byte burst was a video blackhole, not a slow link);
 * a burst much larger than 20 ms lets the browser's bandwidth probes through at line rate (a 6000-
 * byte burst is half a second at 100 kbit/s: the estimate read 3.4 Mbit/s on a 150 kbit/s link).
 */
export function tokenBucket(capBps: number, latencyMs: number): string[] {
  const burstBytes = Math.max(1600, Math.round((capBps / 8) * 0.02));
  return ['tbf', 'rate', `${capBps}bit`, 'burst', String(burstBytes), 'latency', `${latencyMs}ms`];
}

/**
 * Janus gathers its candidates on the public side's link addresses (10.80.n.1), not on PUBLIC_IP
 * (on lo); the routers forward only to PUBLIC_IP, so for an SFU call they also forward UDP to their
 * link's Janus address, as a router forwards to any public address. Idempotent.
 */
export function forwardToJanus(topo: NatTopology): void {
  topo.sides.forEach((side, i) => {
    const rule = ['FORWARD', '-i', 'lan', '-o', 'wan', '-d', `10.80.${i + 1}.1`, '-p', 'udp', '-j', 'ACCEPT'];
    try {
      side.router.execSync(['iptables', '-C', ...rule]);
    } catch {
      side.router.execSync(['iptables', '-I', ...rule]);
    }
  });
}

/** `http://localhost:<port>` inside `client`, forwarded through its NAT to the public server. */
export async function startForwarder(client: NetNamespace, port: number): Promise<NsProcess> {
  const child = client.spawn([process.execPath, join(__dirname, 'tcp-forward.mjs'), String(port), PUBLIC_IP, String(port)]);
  const proc = new NsProcess(child, port, `forwarder in ${client.name}`);
  await waitFor(`${proc.label} listening`, async () => proc.log(), (l) => l.includes('listening') || proc.exited, { timeoutMs: 10_000 });
  if (proc.exited) throw new Error(`${proc.label} exited: ${proc.log()}`);
  return proc;
}
