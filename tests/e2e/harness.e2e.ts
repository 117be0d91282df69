/**
 * The test network itself: a namespace with two hosts, Chromium inside it reaching a server on
 * the namespace's localhost, fake media, and WebRTC over non-loopback host candidates.
 */
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { spawnSync } from 'node:child_process';
import { HOST_A, HOST_B, NetNamespace, cleanStaleNamespaces, listNamespaces } from '../harness/netns';
import { startStaticServer } from '../harness/server';
import type { NsProcess } from '../harness/server';
import { launchBrowser, newTestPage } from '../harness/browser';
import { pcStats, remoteTiles, sampleFlow, waitFor } from '../harness/probes';
import { openBaseline } from '../bench/join/baseline-trial';

jest.setTimeout(90_000);

const BENCH_DIR = join(__dirname, '..', 'bench', 'join'); // baseline.html: the join bench's bare RTCPeerConnections

describe('test network harness', () => {
  let ns: NetNamespace;
  let web: NsProcess | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    ns = NetNamespace.create();
    web = await startStaticServer(ns, BENCH_DIR);
    browser = await launchBrowser(ns);
  });

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await web?.stop();
    ns?.destroy();
  });

  it('creates a namespace with lo up and both veth ends addressed inside it', () => {
    expect(listNamespaces()).toContain(ns.name);
    const addrs = ns.execSync(['ip', '-4', '-o', 'addr', 'show']);
    expect(addrs).toContain('127.0.0.1/8');
    expect(addrs).toContain(`${HOST_A}/24`);
    expect(addrs).toContain(`${HOST_B}/24`);
  });

  it('lets one namespaced host reach the other over the veth pair', async () => {
    const js =
      "const net=require('net');const s=net.createServer(c=>c.end('pong')).listen(0,process.argv[1],()=>{" +
      "const c=net.connect({host:process.argv[1],port:s.address().port,localAddress:process.argv[2]});" +
      "let d='';c.on('data',x=>d+=x);c.on('end',()=>{console.log(d+' '+c.localAddress);s.close()})})";
    const r = await ns.exec([process.execPath, '-e', js, HOST_A, HOST_B], { timeoutMs: 10_000 });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe(`pong ${HOST_B}`);
  });

  it('does not reach anything outside the namespace', async () => {
    // The namespace has no route out: a connection to the host's loopback services is impossible.
    const routes = ns.execSync(['ip', 'route', 'show']);
    expect(routes).not.toMatch(/default/);
  });

  it('runs Chromium inside the namespace with fake media and non-loopback WebRTC candidates', async () => {
    const tp = await newTestPage(browser!, 'baseline');
    try {
      await openBaseline(tp.page, web!.url);
      await waitFor('fake media captured', () => tp.page.locator('#status').textContent(), (s) => s === 'ready', { timeoutMs: 15_000 });
      await tp.page.getByRole('button', { name: 'Start' }).click();
      const flow = await waitFor(
        'frames and audio advancing on both bare connections',
        () => sampleFlow(tp.page, 1000),
        (s) => s.advancingTiles.length === 2 && s.risingAudioPcs.length === 2,
        { timeoutMs: 20_000 },
      );
      expect(flow.advancingTiles.sort()).toEqual(['a-at-b', 'b-at-a']);
      const stats = await pcStats(tp.page);
      expect(stats).toHaveLength(2);
      for (const s of stats) {
        expect(s.connectionState).toBe('connected');
        expect(s.localCandidate).toMatch(/^host 10\.77\.0\.[12]:/);
      }
      const t = await remoteTiles(tp.page);
      expect(t.every((x) => x.width > 0 && x.firstFrameAt !== null)).toBe(true);
      expect(tp.errors).toEqual([]);
    } finally {
      await tp.close();
    }
  });

  it('deletes the namespace on destroy', () => {
    const other = NetNamespace.create();
    expect(listNamespaces()).toContain(other.name);
    other.destroy();
    expect(listNamespaces()).not.toContain(other.name);
  });

  it('removes namespaces left behind by runs that died', () => {
    const dead = spawnSync(process.execPath, ['-e', 'process.pid']).pid;
    expect(dead).toBeGreaterThan(0);
    const stale = `confer-e2e-${dead}-0`;
    spawnSync('ip', ['netns', 'add', stale]);
    expect(listNamespaces()).toContain(stale);
    expect(cleanStaleNamespaces()).toContain(stale);
    expect(listNamespaces()).not.toContain(stale);
    // Our own live namespace is kept.
    expect(listNamespaces()).toContain(ns.name);
  });
});
