/**
 * Page-side getStats() reading for the SFU tests: per open RTCPeerConnection, its selected remote
 * address and per-stream inbound/outbound counters. A string expression on purpose (see probes.ts).
 */
import type { Page } from 'playwright-core';
import { sampleFlow, waitFor } from '../harness/probes';
import type { CallUser } from '../harness/ui';

export interface SfuPcStats {
  state: string;
  remote: { ip: string; port: number } | null;
  inVideo: { mid: string; frames: number; height: number }[];
  inAudio: { mid: string; energy: number }[];
  outVideoRids: (string | null)[];
  /** Each outbound video layer as sent now: its rid, frame height and why the encoder limits it ('none', 'cpu', 'bandwidth'). */
  outVideo: { rid: string | null; height: number; limitation: string }[];
  bytesSent: number;
  /** Index in window.__pcs, stable across reads (closed connections are left out, so positions are not). */
  index: number;
  /** RTP bytes (payload + headers) sent per outbound stream, keyed 'audio', 'video' or the simulcast rid. */
  outBytes: Record<string, number>;
  /** Everything the connection's transport sent (RTP, RTCP, DTLS, ICE), bytes. */
  transportBytesSent: number;
  /** RTP packets received on every inbound stream (audio and video). */
  packetsReceived: number;
  /** Outbound streams (audio, video layers) whose encoding is active: 0 on a warm SFU path held idle. */
  activeOut: number;
}

const READ = `(async () => {
  const out = [];
  for (const [index, pc] of window.__pcs.entries()) {
    if (pc.connectionState === 'closed') continue;
    const r = { state: pc.connectionState, remote: null, inVideo: [], inAudio: [], outVideoRids: [], outVideo: [], bytesSent: 0, index, outBytes: {}, transportBytesSent: 0, packetsReceived: 0, activeOut: 0 };
    const rep = await pc.getStats();
    let pairId = null;
    rep.forEach((s) => { if (s.type === 'transport' && s.selectedCandidatePairId) pairId = s.selectedCandidatePairId; });
    rep.forEach((s) => { if (s.type === 'transport') r.transportBytesSent += s.bytesSent || 0; });
    rep.forEach((s) => {
      if (s.type === 'inbound-rtp' && s.kind === 'video') r.inVideo.push({ mid: s.mid, frames: s.framesDecoded || 0, height: s.frameHeight || 0 });
      if (s.type === 'inbound-rtp' && s.kind === 'audio') r.inAudio.push({ mid: s.mid, energy: s.totalAudioEnergy || 0 });
      if (s.type === 'outbound-rtp' && s.kind === 'video') r.outVideoRids.push(s.rid ?? null);
      if (s.type === 'outbound-rtp' && s.kind === 'video') r.outVideo.push({ rid: s.rid ?? null, height: s.frameHeight || 0, limitation: s.qualityLimitationReason || '' });
      if (s.type === 'outbound-rtp') r.bytesSent += s.bytesSent || 0;
      if (s.type === 'outbound-rtp') { const k = s.kind === 'video' && s.rid ? s.rid : s.kind; r.outBytes[k] = (r.outBytes[k] || 0) + (s.bytesSent || 0) + (s.headerBytesSent || 0); }
      if (s.type === 'inbound-rtp') r.packetsReceived += s.packetsReceived || 0;
      if (s.type === 'outbound-rtp' && s.active !== false) r.activeOut++;
    });
    if (pairId) {
      const p = rep.get(pairId);
      const rc = p && rep.get(p.remoteCandidateId);
      r.remote = rc ? { ip: rc.address ?? rc.ip, port: rc.port } : null;
    }
    out.push(r);
  }
  return out;
})()`;

/** Server environment of a call that is on the bundled Janus from its second person on, with no switch and no warm path. */
export const SFU_FROM_TWO_ENV: Readonly<Record<string, string>> = { JANUS_BUNDLED: 'on', MESH_MAX_PARTICIPANTS: '1', SFU_PREWARM: 'off', TOPOLOGY_HOLDDOWN_SECONDS: '60' };

/** Janus's RTP/ICE ports (JANUS_RTP_PORTS in the test); Chromium's own ports are ephemeral, far above. */
export const JANUS_PORTS = { min: 20000, max: 20999 };

export const sfuStats = (page: Page): Promise<SfuPcStats[]> => page.evaluate(READ) as Promise<SfuPcStats[]>;

export const toJanus = (pc: SfuPcStats): boolean => !!pc.remote && pc.remote.port >= JANUS_PORTS.min && pc.remote.port <= JANUS_PORTS.max;

/**
 * Media of a room of `n` runs peer to peer only: one connected connection per other participant,
 * and any connection to Janus is a warm SFU path held idle (connected, no active outbound encoding).
 */
export const meshOnly = (pcs: SfuPcStats[], n: number): boolean =>
  pcs.every((pc) => pc.state === 'connected') && pcs.filter((pc) => !toJanus(pc)).length === n - 1 && pcs.filter(toJanus).every((pc) => pc.activeOut === 0);

/** Marks every remote tile element, so a later check can tell whether the same elements are still mounted. */
export const markTiles = (page: Page): Promise<number> =>
  page.evaluate(`(() => {
    window.__marked = [...document.querySelectorAll('[data-testid="tile"][data-local="false"]')].map((el) => ({ id: el.getAttribute('data-participant-id'), el, video: el.querySelector('video') }));
    return window.__marked.length;
  })()`) as Promise<number>;

/** For each marked tile: still the mounted element (same article and video), or replaced/removed. */
export const markedTiles = (page: Page): Promise<{ id: string; sameElement: boolean }[]> =>
  page.evaluate(`(() => (window.__marked || []).map((m) => {
    const now = document.querySelector('[data-testid="tile"][data-participant-id="' + m.id + '"]');
    return { id: m.id, sameElement: now === m.el && m.el.isConnected && m.el.querySelector('video') === m.video };
  }))()`) as Promise<{ id: string; sameElement: boolean }[]>;

/** Starts a decoded-frame gap window on the page (needs the decode probe: useStack({ decodeProbe: true })). */
export const startDecodeWindow = (page: Page): Promise<void> =>
  page.evaluate(`(() => {
    if (!window.__decode) throw new Error('decode probe missing: no MediaStreamTrackProcessor here, or the page was not opened with decodeProbe');
    window.__decodeSince = window.__decode.now();
  })()`) as Promise<void>;

export interface DecodedGap {
  participantId: string | null;
  frames: number;
  /** Largest interval between decoded frames of what the tile showed. */
  maxGapMs: number | null;
  /** Where that interval lies, epoch ms (comparable with the control page's). */
  gapFrom: number;
  gapTo: number;
  /** The same for the track it showed before its swap, still decoding on the old path: the page's load alone (decode-probes.js). */
  oldPathMaxGapMs: number | null;
}

/** Per remote tile, since startDecodeWindow until 1 s ago (decode-probes.js). */
export const decodedGaps = (page: Page): Promise<DecodedGap[]> =>
  page.evaluate(`window.__decode.gaps(window.__decodeSince, window.__decode.now() - 1000)`) as Promise<DecodedGap[]>;


export interface TileLayer {
  id: string;
  /** The tile's height in device pixels (what the page's layer choice goes by). */
  height: number;
  /** The simulcast layer the page last asked Janus for (page-probes.js), null before any. */
  requested: number | null;
  /** The height of the frames the tile's video plays now. */
  received: number;
}

/** Per remote tile: its size, the layer the page asked for, and the frame height it plays. */
export const tileLayers = (page: Page): Promise<TileLayer[]> =>
  page.evaluate(`[...document.querySelectorAll('[data-testid="tile"][data-local="false"]')].map((el) => {
    const id = el.getAttribute('data-participant-id');
    const l = window.__sfuLayers;
    const requested = l.byFeed[id] ?? l.fallback;
    const video = el.querySelector('video');
    return { id, height: Math.round(el.getBoundingClientRect().height * (window.devicePixelRatio || 1)), requested: requested ?? null, received: video ? video.videoHeight : 0 };
  })`) as Promise<TileLayer[]>;

/** Server environment of nodes using the Janus pool `janus` (shared secrets), with a room on the SFU from its third person. */
export const poolNodeEnv = (janus: { url: string }[], shared: { JANUS_TOKEN_SECRET: string; JANUS_VIDEOROOM_ADMIN_KEY: string }): Record<string, string> => ({
  JANUS_URLS: janus.map((j) => j.url).join(','),
  JANUS_TOKEN_SECRET: shared.JANUS_TOKEN_SECRET,
  JANUS_VIDEOROOM_ADMIN_KEY: shared.JANUS_VIDEOROOM_ADMIN_KEY,
  MESH_MAX_PARTICIPANTS: '2',
  SFU_PREWARM: 'off',
  TOPOLOGY_HOLDDOWN_SECONDS: '60',
});

/** A pool of two Janus in a test: each gets half of JANUS_PORTS, so the media's remote port says which one carries it. */
export const POOL_RANGES = [
  { rtp: '20000-20499', min: 20000, max: 20499, ws: 8290 },
  { rtp: '20500-20999', min: 20500, max: 20999, ws: 8291 },
] as const;

/** Which Janus (index in POOL_RANGES) carries each of the page's live SFU connections that receive video. */
export async function carriers(u: CallUser): Promise<number[]> {
  const pcs = await sfuStats(u.page);
  return pcs
    .filter((pc) => pc.state === 'connected' && pc.remote && pc.inVideo.length > 0)
    .map((pc) => POOL_RANGES.findIndex((r) => (pc.remote?.port ?? 0) >= r.min && (pc.remote?.port ?? 0) <= r.max))
    .filter((i) => i >= 0);
}

/** Advancing video on both remote tiles and rising audio on the one subscriber connection (one connection carries every feed). */
export const mediaFromBoth = (u: CallUser, timeoutMs: number) =>
  waitFor(`${u.name}: advancing video from both others, rising audio`, () => sampleFlow(u.page, 1500), (f) => new Set(f.advancingTiles).size === 2 && f.tiles.length === 2 && f.risingAudioPcs.length === 1, {
    timeoutMs,
    intervalMs: 0,
  });

/** The /metrics text of the server `u`'s page came from (read in the page: the server lives in the test namespace). */
export async function janusMetrics(u: CallUser): Promise<string> {
  return (await u.page.evaluate("fetch('/metrics').then((r) => r.text())")) as string;
}

/** VideoRooms the server placed on the Janus at `url`, from its /metrics text. */
export const roomsOn = (text: string, url: string): number => Number(new RegExp(`^confer_sfu_janus_rooms\\{janus="${url.replace(/[/.]/g, '\\$&')}"\\} (\\d+)$`, 'm').exec(text)?.[1] ?? 0);

/**
 * Every participant sends its camera to Janus and receives the `others` others from it: videos
 * whose decoded frames advance over a second. (Counting videos that ever decoded a frame also
 * counted a screen share that had ended: its m-line stays, and so do its stats, for a while.)
 */
export async function onJanus(users: CallUser[], others: number): Promise<void> {
  const read = async (u: CallUser) => {
    const before = await sfuStats(u.page);
    await new Promise((r) => setTimeout(r, 1000));
    const pcs = await sfuStats(u.page);
    const framesBefore = new Map(before.flatMap((pc) => pc.inVideo.map((v) => [`${pc.index}:${v.mid}`, v.frames] as const)));
    const advancing = pcs.flatMap((pc) => pc.inVideo.filter((v) => v.frames > (framesBefore.get(`${pc.index}:${v.mid}`) ?? 0))).length;
    return { pcs, advancing };
  };
  for (const u of users) {
    await waitFor(
      `${u.name}: on Janus, ${others} videos in`,
      () => read(u),
      ({ pcs, advancing }) => pcs.length > 0 && pcs.every(toJanus) && pcs.some((pc) => pc.outVideo.length > 0) && advancing === others,
      { timeoutMs: 120_000, intervalMs: 0 },
    );
  }
}
