/**
 * Ana's access link in the NAT topology (harness/nat.ts), shaped on her router: `wan` egress is
 * her uplink, `lan` egress her downlink. A cap is a token bucket (tbf, a 200 ms queue) with a
 * netem delay below it; no cap is the delay alone. A cut takes the WAN link down (NAT mappings go
 * with it) and brings it back with its route.
 *
 * Delay here needs the kernel's netem qdisc (sch_netem). Where the kernel has none (this project's
 * CI machines: "Specified qdisc kind is unknown"), `netemAvailable` says so, links are capped here
 * without delay, and the section adds it with a delay line in Ana's namespace instead
 * (harness/delay-line.ts).
 */
import type { NetNamespace } from '../../harness/netns';
import { PUBLIC_IP, tokenBucket } from '../../harness/nat';

const DEVS = ['wan', 'lan'] as const;

/** Whether this kernel has netem: tried once on `router`'s loopback. */
export function netemAvailable(router: NetNamespace): boolean {
  try {
    router.execSync(['tc', 'qdisc', 'add', 'dev', 'lo', 'root', 'netem', 'delay', '1ms']);
    router.execSync(['tc', 'qdisc', 'del', 'dev', 'lo', 'root']);
    return true;
  } catch {
    return false;
  }
}

/** Caps both directions at `capBps` (null: no cap) with `delayMs` added each way (0: none, and no netem needed). */
export function shapeLink(router: NetNamespace, capBps: number | null, delayMs: number): void {
  for (const dev of DEVS) {
    dropRoot(router, dev);
    const delay = ['netem', 'delay', `${delayMs}ms`, 'limit', '10000'];
    if (capBps === null) {
      if (delayMs > 0) router.execSync(['tc', 'qdisc', 'add', 'dev', dev, 'root', 'handle', '1:', ...delay]);
      continue;
    }
    router.execSync(['tc', 'qdisc', 'add', 'dev', dev, 'root', 'handle', '1:', ...tokenBucket(capBps, 200)]);
    if (delayMs > 0) router.execSync(['tc', 'qdisc', 'add', 'dev', dev, 'parent', '1:1', 'handle', '10:', ...delay]);
  }
}

export function clearLink(router: NetNamespace): void {
  for (const dev of DEVS) dropRoot(router, dev);
}

/** Removes the device's root qdisc if it has one of ours (a device without one answers an error). */
function dropRoot(router: NetNamespace, dev: string): void {
  if (/qdisc (tbf|netem) 1:/.test(router.execSync(['tc', 'qdisc', 'show', 'dev', dev]))) router.execSync(['tc', 'qdisc', 'del', 'dev', dev, 'root']);
}

/**
 * Bytes Ana's access link has carried each way so far, as the router's devices count them: whole
 * frames with their IP, UDP and Ethernet headers, as the cap (tbf) counts them. The page's own
 * transport counters leave those headers out (about 42 bytes a packet: 8 % of a 300 kbit/s call of
 * some 75 packets a second), so a call filling its cap looked like 0.92 of it.
 */
export function linkBytes(router: NetNamespace): { up: number; down: number } {
  const tx = (dev: string): number => {
    const [link] = JSON.parse(router.execSync(['ip', '-j', '-s', 'link', 'show', 'dev', dev])) as { stats64: { tx: { bytes: number } } }[];
    return link.stats64.tx.bytes;
  };
  return { up: tx('wan'), down: tx('lan') };
}

export function cutLink(router: NetNamespace): void {
  router.execSync(['ip', 'link', 'set', 'wan', 'down']);
}

export function restoreLink(router: NetNamespace): void {
  router.execSync(['ip', 'link', 'set', 'wan', 'up']);
  // Link down dropped the route through it.
  router.execSync(['ip', 'route', 'replace', `${PUBLIC_IP}/32`, 'via', '10.80.1.1']);
}
