/**
 * A fixed delay on a client namespace's link, each way, for kernels without netem (sch_netem not
 * built, as on this project's CI machines): a TUN device in the namespace whose reader
 * (delay-line.py) hands every packet back to the kernel `delayMs` later. Policy routing sends
 * through it, once, everything the namespace sends out and everything that arrives on `dev`:
 *
 *   pref 10  iif DEV  -> table 100 (default dev dl0)   arriving: forwarded into the delay line
 *   pref 15  iif lo   -> table local                   the namespace's own addresses stay direct
 *   pref 20  iif lo   -> table 100                     leaving: into the delay line
 *   pref 300          -> table local                   (moved from pref 0) back from the line: delivered
 *                        then main                      or sent out on DEV
 *
 * A packet back from dl0 matches none of the first three rules, so it passes the line once. Its
 * source is one of the namespace's own addresses when it is leaving, hence accept_local on dl0; and
 * early demux is off, as it would deliver an arriving packet of a known socket without the line.
 * Loopback traffic (a page and its localhost forwarder) is not delayed.
 */
import { join } from 'node:path';
import type { NetNamespace } from './netns';
import { startUntil } from './server';

const TUN = 'dl0';
const TABLE = '100';

export interface DelayLine {
  /** Whether the delay line still runs (it died: the link has no delay any more). */
  readonly running: boolean;
  /** Its output, for a report. */
  log(): string;
  stop(): Promise<void>;
}

export async function startDelayLine(ns: NetNamespace, dev: string, delayMs: number): Promise<DelayLine> {
  const proc = await startUntil(ns, ['python3', join(__dirname, 'delay-line.py'), TUN, String(delayMs)], `delay line in ${ns.name}`);
  try {
    const sysctls = [
      'net.ipv4.ip_forward=1',
      'net.ipv4.conf.all.rp_filter=0',
      `net.ipv4.conf.${dev}.rp_filter=0`,
      `net.ipv4.conf.${TUN}.rp_filter=0`,
      `net.ipv4.conf.${TUN}.accept_local=1`,
      // Early demux ties an arriving segment to its socket before routing, and the kernel never
      // forwards a packet tied to a socket: a SYN-ACK on its way into the line was dropped.
      'net.ipv4.tcp_early_demux=0',
      'net.ipv4.udp_early_demux=0',
    ];
    for (const cmd of [
      ['sysctl', '-q', '-w', ...sysctls],
      ['ip', 'link', 'set', TUN, 'up'],
      ['ip', 'route', 'add', 'default', 'dev', TUN, 'table', TABLE],
      ['ip', 'rule', 'add', 'pref', '10', 'iif', dev, 'lookup', TABLE],
      ['ip', 'rule', 'add', 'pref', '15', 'iif', 'lo', 'lookup', 'local'],
      ['ip', 'rule', 'add', 'pref', '20', 'iif', 'lo', 'lookup', TABLE],
      ['ip', 'rule', 'add', 'pref', '300', 'lookup', 'local'],
      ['ip', 'rule', 'del', 'pref', '0'],
    ])
      ns.execSync(cmd);
  } catch (e) {
    await proc.stop();
    throw e;
  }
  return {
    get running() {
      return !proc.exited;
    },
    log: () => proc.log(),
    // The TUN device goes with its reader, and table 100 with it: the rules then fall through to local and main.
    stop: () => proc.stop(),
  };
}
