/**
 * The delay line (harness/delay-line.ts) that adds a link's delay where the kernel has no netem:
 * UDP round trips from a client behind its NAT router to the public side take two delays longer,
 * both directions pass it once, a TCP connection goes through it too (the browser's page comes that
 * way), the client's loopback stays direct, and stopping it takes the delay away.
 */
import { startDelayLine } from '../harness/delay-line';
import { createNatTopology, PUBLIC_IP, type NatTopology } from '../harness/nat';
import type { NetNamespace } from '../harness/netns';
import { startUntil, type NsProcess } from '../harness/server';
import { startUdpSink } from '../harness/turn';

jest.setTimeout(60_000);

const DELAY_MS = 50;
const ECHO_PORT = 3490;
const GREETING_PORT = 3491;

/** Median of 15 UDP round trips from `ns` to an echo at host:port, ms (a lost one counts as 1000). */
async function medianRtt(ns: NetNamespace, host: string): Promise<number> {
  const script = `
    const s = require('node:dgram').createSocket('udp4');
    const rtts = [];
    const one = () => new Promise((done) => {
      const t = performance.now();
      const timer = setTimeout(() => { s.off('message', got); done(1000); }, 1000);
      const got = () => { clearTimeout(timer); s.off('message', got); done(performance.now() - t); };
      s.on('message', got);
      s.send(Buffer.alloc(200), ${ECHO_PORT}, '${host}');
    });
    (async () => {
      for (let i = 0; i < 15; i++) rtts.push(await one());
      rtts.sort((a, b) => a - b);
      console.log(rtts[7].toFixed(1));
      s.close();
    })();`;
  const { stdout, code, stderr } = await ns.exec([process.execPath, '-e', script], { timeoutMs: 30_000 });
  if (code !== 0) throw new Error(`round trips from ${ns.name} failed: ${stderr}`);
  return Number(stdout.trim());
}

/** ms from a TCP connect in `ns` to the first bytes of the greeting the public side sends on accept (null: none within 10 s). */
async function tcpGreetingMs(ns: NetNamespace): Promise<number | null> {
  const script = `
    const t = performance.now();
    const s = require('node:net').connect(${GREETING_PORT}, '${PUBLIC_IP}');
    s.once('data', () => { console.log((performance.now() - t).toFixed(1)); s.destroy(); });
    s.on('error', (e) => console.log('error ' + e.message));
    setTimeout(() => { console.log('none'); process.exit(0); }, 10000).unref();`;
  const { stdout } = await ns.exec([process.execPath, '-e', script], { timeoutMs: 20_000 });
  const ms = Number(stdout.trim());
  return Number.isFinite(ms) ? ms : null;
}

describe('delay line (a link delay without netem)', () => {
  let topo: NatTopology;
  const procs: NsProcess[] = [];

  beforeAll(async () => {
    topo = createNatTopology();
    // udp-sink echoes what it gets.
    procs.push(await startUdpSink(topo.pub, [`${PUBLIC_IP}:${ECHO_PORT}`]), await startUdpSink(topo.sides[0].client, [`127.0.0.1:${ECHO_PORT}`]));
    const greeter = `require('node:net').createServer((s) => s.end('hello')).listen(${GREETING_PORT}, '${PUBLIC_IP}', () => console.log('ready'))`;
    procs.push(await startUntil(topo.pub, [process.execPath, '-e', greeter], 'greeter'));
  });

  afterAll(async () => {
    for (const p of procs) await p.stop();
    topo?.destroy();
  });

  it(`adds ${DELAY_MS} ms each way to the client's link, not to its loopback, until stopped`, async () => {
    const client = topo.sides[0].client;
    const direct = await medianRtt(client, PUBLIC_IP);
    const line = await startDelayLine(client, 'eth0', DELAY_MS);
    let delayed: number;
    let loopback: number;
    let tcp: number | null;
    try {
      delayed = await medianRtt(client, PUBLIC_IP);
      loopback = await medianRtt(client, '127.0.0.1');
      tcp = await tcpGreetingMs(client);
      expect(line.running).toBe(true);
    } finally {
      await line.stop();
    }
    const after = await medianRtt(client, PUBLIC_IP);
    console.info(`median UDP round trip to the public side: ${direct} ms direct, ${delayed} ms through the delay line, ${after} ms after it stopped; loopback ${loopback} ms; a TCP greeting through it after ${tcp} ms`);
    // Two delays (out and back) and not four: each direction passes the line exactly once.
    expect(delayed).toBeGreaterThanOrEqual(2 * DELAY_MS);
    expect(delayed).toBeLessThan(4 * DELAY_MS);
    expect(loopback).toBeLessThan(DELAY_MS);
    // Connect, then the greeting: at least one round trip (an arriving TCP segment tied to its socket was once never forwarded into the line).
    expect(tcp).not.toBeNull();
    expect(tcp).toBeGreaterThanOrEqual(2 * DELAY_MS);
    expect(after).toBeLessThan(DELAY_MS);
    expect(direct).toBeLessThan(DELAY_MS);
  });
});
