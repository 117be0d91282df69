/**
 * Node-side access to the page probes (page-probes.js) and wait helpers with deadlines that
 * say what they saw when they give up. Page calls are string expressions on purpose: the
 * probe logic lives in the page, nothing here is serialised from TypeScript.
 */
import type { Page } from 'playwright-core';

/** One tile as the probes see it. Times are ms since the epoch (page clock). */
export interface TileProbe {
  participantId: string | null;
  local: boolean;
  label: string | null;
  muted: boolean;
  cameraOff: boolean;
  status: string | null;
  hasVideo: boolean;
  videoHasStream: boolean;
  paused: boolean | null;
  frames: number;
  firstFrameAt: number | null;
  lastFrameAt: number | null;
  maxGapMs: number;
  /** Largest gap of this tile while the page's self view kept presenting frames (a frozen tile, not a stalled page); = maxGapMs without a self view. */
  maxFreezeMs: number;
  width: number;
  height: number;
}

/** getStats() counters of one RTCPeerConnection the page created. */
export interface PcProbe {
  index: number;
  connectionState: string;
  iceConnectionState: string;
  /** When the page created it and when it first reached 'connected' (ms since the epoch, page clock). */
  createdAt: number | null;
  connectedAt: number | null;
  framesDecoded: number;
  framesReceived: number;
  audioEnergy: number;
  audioSamplesDuration: number;
  inboundVideo: number;
  inboundAudio: number;
  bytesReceived: number;
  bytesSent: number;
  localCandidate: string | null;
  remoteCandidate: string | null;
  error: string | null;
}

export interface ClickProbe {
  name: string;
  at: number;
}

export const tiles = (page: Page): Promise<TileProbe[]> => page.evaluate('window.__confer.tiles()') as Promise<TileProbe[]>;
export const remoteTiles = async (page: Page): Promise<TileProbe[]> => (await tiles(page)).filter((t) => !t.local);
export const pcStats = (page: Page): Promise<PcProbe[]> => page.evaluate('window.__confer.pcStats()') as Promise<PcProbe[]>;
export const clicks = (page: Page): Promise<ClickProbe[]> => page.evaluate('window.__confer.clicks()') as Promise<ClickProbe[]>;
export const resetGaps = (page: Page): Promise<void> => page.evaluate('window.__confer.resetGaps()') as Promise<void>;

/** For failure analysis: frame gaps over 150 ms, main-thread long tasks, and when each RTCPeerConnection was created and connected. */
export const pageTimeline = (page: Page): Promise<unknown> =>
  page.evaluate(
    `(async () => ({ gaps: window.__confer.gapLog(), longTasks: window.__confer.longTasks(), pcs: (await window.__confer.pcStats()).map((p) => ({ i: p.index, state: p.connectionState, createdAt: p.createdAt, connectedAt: p.connectedAt, remote: p.remoteCandidate })) }))()`,
  );

/** The page's clock (the probes' epoch ms) minus this process's, read now. */
export async function pageClockOffset(page: Page): Promise<number> {
  const before = Date.now();
  const pageNow = (await page.evaluate('window.__confer.now()')) as number;
  return pageNow - (before + Date.now()) / 2;
}

/**
 * How long after `since` (this process's clock; `offset` from pageClockOffset) video came back on
 * the page's slowest remote tile after an outage that began then: per tile, the end of the last
 * frame gap over 250 ms (the probes' gap log) that ended after `since`, or its video element's
 * first frame when that came later; 0 when no frame stopped that long. Read once the media is
 * known to be back: a later stall on a tile counts as a later return.
 */
export async function videoBackMs(page: Page, offset: number, since: number): Promise<number> {
  const from = since + offset;
  const [ts, gaps] = await Promise.all([remoteTiles(page), gapLog(page)]);
  const back = ts.map((t) => Math.max(from, t.firstFrameAt ?? from, lastGapEnd(gaps, t.participantId, from) ?? from));
  return Math.round(Math.max(from, ...back) - from);
}

/** A frame gap at least this long is a frozen picture, as a user sees it; shorter ones are stutter on a loaded machine. */
export const FREEZE_MS = 1000;

/**
 * When video came back on the tile of `participantId` after an outage that `since` ended (a link
 * cut): ms from `since` (this process's clock; `offset` from pageClockOffset) to the end of the
 * frame gap open at `since`, or of the last freeze (FREEZE_MS) after it, whichever ended later; a
 * frame or two and a freeze again is not video back. Null when no such gap ended after `since`.
 * Read once the tile is seen advancing again.
 */
export async function frameBackMs(page: Page, offset: number, since: number, participantId: string): Promise<number | null> {
  const at = since + offset;
  const end = lastGapEnd(await gapLog(page), participantId, at, (g) => g.from <= at || g.ms >= FREEZE_MS);
  return end === null ? null : Math.round(end - at);
}

/** One frame gap over 250 ms of the page probes' log: the tile, its last frame before, and how long. */
type Gap = { tile: string | null; from: number; ms: number };
const gapLog = (page: Page) => page.evaluate('window.__confer.gapLog()') as Promise<Gap[]>;

/** The latest end after `at` of the gaps of `tile` that `counts` (all by default); null when none. */
function lastGapEnd(gaps: Gap[], tile: string | null, at: number, counts: (g: Gap) => boolean = () => true): number | null {
  const ends = gaps.filter((g) => g.tile === tile && g.from + g.ms > at && counts(g)).map((g) => g.from + g.ms);
  return ends.length ? Math.max(...ends) : null;
}

export class WaitTimeoutError extends Error {
  constructor(
    what: string,
    timeoutMs: number,
    readonly lastSeen: unknown,
  ) {
    super(`${what}: not within ${timeoutMs} ms. Last seen: ${JSON.stringify(lastSeen, null, 1)}`);
    this.name = 'WaitTimeoutError';
  }
}

/**
 * Polls `read` until `done(value)` holds and returns that value; on the deadline throws a
 * WaitTimeoutError carrying the last value read (or the last error `read` threw).
 */
export async function waitFor<T>(
  what: string,
  read: () => Promise<T>,
  done: (v: T) => boolean,
  opts: { timeoutMs: number; intervalMs?: number; describe?: (v: T) => unknown },
): Promise<T> {
  const deadline = Date.now() + opts.timeoutMs;
  let last: unknown = '(nothing read yet)';
  for (;;) {
    try {
      const v = await read();
      if (done(v)) return v;
      last = opts.describe ? opts.describe(v) : v;
    } catch (e) {
      last = `read failed: ${(e as Error).message}`;
    }
    if (Date.now() >= deadline) throw new WaitTimeoutError(what, opts.timeoutMs, last);
    await sleep(opts.intervalMs ?? 100);
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** What changed between two samples taken `windowMs` apart: which remote tiles and PCs are live. */
export interface FlowSample {
  windowMs: number;
  /** Remote tiles (by participant id) whose decoded frame count advanced in the window. */
  advancingTiles: string[];
  /** Indexes of PCs whose inbound totalAudioEnergy rose in the window. */
  risingAudioPcs: number[];
  /** Indexes of PCs whose framesDecoded rose in the window. */
  advancingVideoPcs: number[];
  tiles: { participantId: string | null; label: string | null; framesBefore: number; framesAfter: number; status: string | null }[];
  pcs: { index: number; state: string; framesDecoded: [number, number]; audioEnergy: [number, number]; local: string | null; remote: string | null; error: string | null }[];
}

/** Samples tiles and getStats() twice, `windowMs` apart, and reports what advanced. */
export async function sampleFlow(page: Page, windowMs = 1500): Promise<FlowSample> {
  const [t0, p0] = await Promise.all([remoteTiles(page), pcStats(page)]);
  await sleep(windowMs);
  const [t1, p1] = await Promise.all([remoteTiles(page), pcStats(page)]);
  const before = new Map(t0.map((t) => [t.participantId, t.frames]));
  const tilesOut = t1.map((t) => ({
    participantId: t.participantId,
    label: t.label,
    framesBefore: before.get(t.participantId) ?? 0,
    framesAfter: t.frames,
    status: t.status,
  }));
  const pcsOut = p1.map((p) => {
    const b = p0.find((x) => x.index === p.index);
    return {
      index: p.index,
      state: p.connectionState,
      framesDecoded: [b?.framesDecoded ?? 0, p.framesDecoded] as [number, number],
      audioEnergy: [b?.audioEnergy ?? 0, p.audioEnergy] as [number, number],
      local: p.localCandidate,
      remote: p.remoteCandidate,
      error: p.error,
    };
  });
  return {
    windowMs,
    advancingTiles: tilesOut.filter((t) => t.framesAfter > t.framesBefore && before.has(t.participantId)).map((t) => t.participantId ?? '?'),
    risingAudioPcs: pcsOut.filter((p) => p.audioEnergy[1] > p.audioEnergy[0]).map((p) => p.index),
    advancingVideoPcs: pcsOut.filter((p) => p.framesDecoded[1] > p.framesDecoded[0]).map((p) => p.index),
    tiles: tilesOut,
    pcs: pcsOut,
  };
}

/**
 * Waits until the page receives advancing video on `expected` distinct remote tiles and rising
 * audio energy on `expected` peer connections (sampled over `windowMs`).
 */
export async function waitForMediaFromAll(page: Page, expected: number, timeoutMs: number, windowMs = 1500): Promise<FlowSample> {
  return waitFor(
    `receive advancing video on ${expected} remote tiles and rising audio on ${expected} peer connections`,
    () => sampleFlow(page, windowMs),
    (s) => new Set(s.advancingTiles).size === expected && s.tiles.length === expected && s.risingAudioPcs.length === expected,
    { timeoutMs, intervalMs: 0 },
  );
}
