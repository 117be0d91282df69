/**
 * Large rooms, a part of the cluster-sfu section: for a room of N people (BENCH_CSFU_ROOMS, default
 * 5,25,50,100), N-1 cheap publishers (tests/harness/cheap-publisher.ts: Node peers with a 160x90
 * camera at 5 fps, which 99 of them can afford on 2 cores beside Janus and the browser; at 10 fps
 * their connections starved and failed; the first eight speak, the rest are muted) and one Chromium
 * page, Nia, on one signaling node with the bundled Janus (MAX_PARTICIPANTS=100), in a namespace of
 * its own.
 *
 * Once Nia's page shows advancing video on every tile of her first page, over a 10 s window: her
 * downlink (RTP payload received, audio and video, on every connection) and the frames she
 * decodes per second, each against the ideal: the video of the tiles on her page (the page holds
 * DEFAULT_PAGE_SIZE tiles, herself included) at the publishers' own average rate, and the audio of
 * those who speak. A ratio near 1 says she receives and decodes only what she shows; all N-1 videos
 * would be (N-1)/visible. Beside it, the bundled Janus's CPU over the same window (% of one core):
 * what a room of N costs one Janus here, its publishers' streams in and one viewer's out.
 */
import type { Browser } from 'playwright-core';
import { launchBrowser, newTestPage } from '../../harness/browser';
import { startCheapPublishersInNs, type CheapStatsLine, type NsCheapPublishers } from '../../harness/cheap-publisher-ns';
import type { NetNamespace } from '../../harness/netns';
import { pcStats, sampleFlow, sleep, waitFor } from '../../harness/probes';
import { startAppServer, type NsProcess } from '../../harness/server';
import { CallUser } from '../../harness/ui';
import { JANUS_PORTS } from '../../e2e/sfu-probes';
import { DEFAULT_PAGE_SIZE } from '../../../renderer/ui/lib/pages';
import { findJanusPid, janusCpuSeconds } from '../sfu/janus-cpu';

export const ROOM_SIZES = (process.env.BENCH_CSFU_ROOMS ?? '5,25,50,100').split(',').map(Number);
if (!ROOM_SIZES.every((n) => Number.isInteger(n) && n >= 5 && n <= 100)) throw new Error('BENCH_CSFU_ROOMS: room sizes from 5 to 100, e.g. 5,25,50,100');
const SPEAKERS = 8;
const FPS = 5;
const WINDOW_MS = 10_000;

export interface LargeRoom {
  n: number;
  /** Tiles with video on Nia's page (the others are on later pages). */
  visible: number;
  /** Nia's page showed advancing video on all of them, ms after she opened it. */
  shownMs: number;
  downKbps: number;
  idealKbps: number;
  downRatio: number;
  decodedFps: number;
  idealFps: number;
  decodeRatio: number;
  /** The bundled Janus's CPU over the window, % of one core: what one Janus pays for the room (its N-1 publishers in, one viewer out). */
  janusCpuPct: number;
}

const kbps = (bytes: number, ms: number) => Math.round((bytes * 8) / ms);

/** The publishers' video and audio payload sent over the window between two stats lines, per publisher. */
function sentOver(a: CheapStatsLine, b: CheapStatsLine): { id: string; video: number; audio: number }[] {
  return b.publishers.map((x) => {
    const before = a.publishers.find((y) => y.id === x.id);
    return { id: x.id as string, video: x.bytesSent.video - (before?.bytesSent.video ?? 0), audio: x.bytesSent.audio - (before?.bytesSent.audio ?? 0) };
  });
}

/** One room of `n`: the publishers join, Nia joins, and her load over the window against the ideal. */
async function measureRoom(ns: NetNamespace, app: NsProcess, browser: Browser, n: number): Promise<LargeRoom> {
  let pubs: NsCheapPublishers | undefined;
  let nia: CallUser | undefined;
  try {
    pubs = await startCheapPublishersInNs(ns, { baseUrl: app.url, count: n - 1, speakers: SPEAKERS, width: 160, height: 90, fps: FPS }, 240_000);
    const p = pubs;
    const visible = Math.min(n - 1, DEFAULT_PAGE_SIZE - 1);
    const openedAt = Date.now();
    nia = new CallUser(await newTestPage(browser, 'Nia', app.url), 'Nia');
    await nia.enter(app.url, p.room, 120_000);
    const page = nia.page;
    // In a room of five, Nia's join is what moves it to the SFU.
    await waitFor('all publishing', () => p.stats(), (s) => s.publishers.every((x) => x.topology === 'sfu' && x.publishing && x.bytesSent.video > 0), { timeoutMs: 120_000, intervalMs: 2000 });
    await waitFor(`Nia: video advancing on the ${visible} tiles of her page`, () => sampleFlow(page, 2000), (f) => new Set(f.advancingTiles).size === visible, { timeoutMs: 240_000, intervalMs: 0 });
    const shownMs = Date.now() - openedAt;
    const sum = async () => (await pcStats(page)).reduce((s, pc) => ({ bytes: s.bytes + pc.bytesReceived, frames: s.frames + pc.framesDecoded }), { bytes: 0, frames: 0 });
    const janusPid = findJanusPid(app.child.pid as number);
    const s0 = await p.stats();
    const a = await sum();
    const cpu0 = janusCpuSeconds(janusPid);
    const t0 = Date.now();
    await sleep(WINDOW_MS);
    const b = await sum();
    const cpu1 = janusCpuSeconds(janusPid);
    const ms = Date.now() - t0;
    const sent = sentOver(s0, await p.stats());
    const avgVideo = sent.reduce((s, x) => s + x.video, 0) / sent.length;
    const audio = sent.reduce((s, x) => s + x.audio, 0);
    const idealBytes = visible * avgVideo + audio;
    const downKbps = kbps(b.bytes - a.bytes, ms);
    const idealKbps = kbps(idealBytes, ms);
    const decodedFps = Math.round(((b.frames - a.frames) * 1000) / ms);
    const idealFps = visible * FPS;
    return { n, visible, shownMs, downKbps, idealKbps, downRatio: +(downKbps / idealKbps).toFixed(2), decodedFps, idealFps, decodeRatio: +(decodedFps / idealFps).toFixed(2), janusCpuPct: Math.round(((cpu1 - cpu0) * 1000 * 100) / ms) };
  } finally {
    await nia?.close();
    await pubs?.close();
  }
}

/** Every size in ROOM_SIZES, one after the other: the rooms measured, and the errors of those that were not. */
export async function largeRooms(ns: NetNamespace): Promise<{ rooms: LargeRoom[]; errors: string[] }> {
  const rooms: LargeRoom[] = [];
  const errors: string[] = [];
  const app = await startAppServer(ns, {
    env: { JANUS_BUNDLED: 'on', JANUS_RTP_PORTS: `${JANUS_PORTS.min}-${JANUS_PORTS.max}`, MAX_PARTICIPANTS: String(Math.max(...ROOM_SIZES)) },
  });
  let browser: Browser | undefined;
  try {
    browser = await launchBrowser(ns);
    for (const n of ROOM_SIZES) {
      try {
        const r = await measureRoom(ns, app, browser, n);
        rooms.push(r);
        console.info(`room of ${n}: Nia shows ${r.visible} videos ${r.shownMs} ms after opening; downlink ${r.downKbps} kbit/s (ideal ${r.idealKbps}, x${r.downRatio}); decodes ${r.decodedFps} fps (ideal ${r.idealFps}, x${r.decodeRatio}); Janus ${r.janusCpuPct} % of a core`);
      } catch (e) {
        errors.push(`room of ${n}: ${(e as Error).message.split('\n')[0] ?? ''}`);
        console.error(`room of ${n}: ${(e as Error).message}\n${app.log(3000)}`);
      }
    }
  } finally {
    await browser?.close().catch(() => undefined);
    await app.stop();
  }
  return { rooms, errors };
}
