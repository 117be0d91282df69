/**
 * The network section's calls through the NAT topology (harness/nat.ts, coturn on the public
 * side): Ana alone behind router A (the link that is shaped), everyone else behind router B, one
 * Chromium per side. A mesh call is Ana and Bo; an SFU call is Ana, Bo and three cheap publishers
 * (harness/cheap-publisher.ts: Node peers behind router B that publish a camera and a tone and
 * receive nothing) on the bundled Janus on the public side (from the second person on, no switch).
 *
 * Why not five pages: five Chromium pages on 2 cores starved each other so far that the figures
 * measured the machine, not the link. In a 5-page SFU call with no cap and no cut (load average
 * 15-26, the renderers taking all of both cores), Bo's page decoded one to five frames a second of
 * each tile, a getStats of his took up to 8 s to answer, and Ana's connections went 'disconnected'
 * after a cut had healed (those three read with a stats poller on Ana's and Bo's pages, a load of
 * its own); without the poller the cuts came back after 11/13/15 s, with it not within 30 s. The
 * three others still make Ana's downlink carry four people's media (and the room five people's
 * roster), which is what the call size is for; five real pages on this machine are the sfu
 * section's to measure.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { CoturnProcess } from '../../../signaling-server/turn/coturn-process';
import { launchBrowser, newTestPage } from '../../harness/browser';
import { createNatTopology, forwardToJanus, PUBLIC_IP, startForwarder, type NatTopology } from '../../harness/nat';
import { sampleFlow, waitFor, waitForMediaFromAll } from '../../harness/probes';
import { startAppServer, type NsProcess } from '../../harness/server';
import { startCoturnInNs } from '../../harness/turn';
import { startCheapPublishersInNs, type NsCheapPublishers } from '../../harness/cheap-publisher-ns';
import { CallUser, uniqueRoom } from '../../harness/ui';
import { SFU_FROM_TWO_ENV } from '../../e2e/sfu-probes';
import { busyCameraY4m } from '../../../signaling-server/testing/media';

export type Topology = 'mesh' | 'sfu';

/** The SFU call's others besides Bo, and their camera: about the middle layer a page sends (320x180, 15 fps). */
const CHEAP_OTHERS = 3;
const CHEAP_CAMERA = { width: 320, height: 180, fps: 15, maxBitrate: 250_000 };

const TURN_PORT = 3478;
/** Page log lines about the links. */
const LINK_LOG = /uplink|ICE|restart|reconnect|stalled|slowlink|rehome|lost|path back|negotiated|connected/i;

export interface NetBed {
  topo: NatTopology;
  close(): Promise<void>;
  call(topology: Topology, adaptation: boolean): Promise<NetCall>;
}

export interface NetCall {
  /** The participant behind the shaped link. */
  ana: CallUser;
  /** Everyone else (Bo first). */
  others: CallUser[];
  /** For failure reports: the server's recent log. */
  log(): string;
  /** Ana's page log about her links since the last call of this (uplink levels, ICE, reconnects). */
  anaLog(): string[];
  close(): Promise<void>;
}

export async function openBed(): Promise<NetBed> {
  const topo = createNatTopology();
  const secret = randomBytes(24).toString('hex');
  let coturn: CoturnProcess | undefined;
  const browsers: Browser[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'bench-net-'));
  const close = async () => {
    for (const b of browsers) await b.close().catch(() => undefined);
    await coturn?.stop();
    topo.destroy();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    ({ coturn } = await startCoturnInNs(
      topo.pub,
      { TURN_LISTEN_IPS: PUBLIC_IP, TURN_RELAY_IPS: PUBLIC_IP, TURN_PORT: String(TURN_PORT), TURN_MIN_PORT: '50000', TURN_MAX_PORT: '50400', TURN_ALLOW_PEER_IPS: PUBLIC_IP },
      secret,
    ));
    // A camera whose picture costs more than the product sends, at the page's frame rate (no test cap).
    const fakeCameraFile = join(dir, 'busy-640x360.y4m');
    await busyCameraY4m(fakeCameraFile);
    for (const side of topo.sides) browsers.push(await launchBrowser(side.client, { fakeCameraFps: null, fakeCameraFile }));
    forwardToJanus(topo);
  } catch (e) {
    await close();
    throw e;
  }
  const turnEnv = { TURN_URLS: `turn:${PUBLIC_IP}:${TURN_PORT}?transport=udp`, TURN_SECRET: secret };
  return {
    topo,
    close,
    async call(topology, adaptation) {
      const app: NsProcess = await startAppServer(topo.pub, { env: { ...turnEnv, ...(topology === 'sfu' ? SFU_FROM_TWO_ENV : {}) } });
      const procs: NsProcess[] = [];
      const users: CallUser[] = [];
      let cheap: NsCheapPublishers | null = null;
      const close = async () => {
        await Promise.all(users.map((u) => u.close()));
        await cheap?.close();
        for (const p of procs) await p.stop();
        await app.stop();
      };
      try {
        for (const side of topo.sides) procs.push(await startForwarder(side.client, app.port));
        // The SFU call's three others: a meeting of their own (waiting room off) that Ana and Bo join.
        if (topology === 'sfu') cheap = await startCheapPublishersInNs(topo.sides[1].client, { baseUrl: app.url, count: CHEAP_OTHERS, ...CHEAP_CAMERA });
        const room = cheap?.room ?? uniqueRoom(`net-${topology}`);
        const query = adaptation ? '' : '?adaptation=off';
        for (const [i, name] of ['Ana', 'Bo'].entries()) {
          const user = new CallUser(await newTestPage(browsers[i], name, app.url), name);
          users.push(user);
          await user.enter(app.url, room, 30_000, query);
        }
        const n = users.length - 1 + (cheap ? CHEAP_OTHERS : 0);
        // Mesh: one connection per other person; SFU: one subscriber connection carries them all.
        const flowing = (u: CallUser) =>
          topology === 'mesh'
            ? waitForMediaFromAll(u.page, n, 60_000)
            : waitFor(`${u.name}: advancing video on ${n} tiles`, () => sampleFlow(u.page), (s) => s.tiles.length === n && new Set(s.advancingTiles).size === n, { timeoutMs: 60_000, intervalMs: 0 });
        await Promise.all(users.map(flowing));
      } catch (e) {
        const log = `${app.log(3000)}${cheap ? `\ncheap publishers:\n${cheap.log(2000)}` : ''}`;
        await close();
        throw new Error(`${(e as Error).message.slice(0, 2000)}\nserver:\n${log}`);
      }
      const anaLines: string[] = [];
      users[0].page.on('console', (m) => {
        if (LINK_LOG.test(m.text())) anaLines.push(`${new Date().toISOString().slice(11, 23)} ${m.text().slice(0, 300)}`);
      });
      const anaLog = () => anaLines.splice(0);
      return { ana: users[0], others: users.slice(1), log: () => app.log(3000), anaLog, close };
    },
  };
}
