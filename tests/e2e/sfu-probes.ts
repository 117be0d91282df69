/**
 * Page-side getStats() reading for the SFU tests: per open RTCPeerConnection, its selected remote
 * address and per-stream inbound/outbound counters. A string expression on purpose (see probes.ts).
 */
import type { Page } from 'playwright-core';

export interface SfuPcStats {
  state: string;
  remote: { ip: string; port: number } | null;
  inVideo: { mid: string; frames: number; height: number }[];
  inAudio: { mid: string; energy: number }[];
  outVideoRids: (string | null)[];
  bytesSent: number;
  /** Index in window.__pcs, stable across reads (closed connections are left out, so positions are not). */
  index: number;
  /** RTP bytes (payload + headers) sent per outbound stream, keyed 'audio', 'video' or the simulcast rid. */
  outBytes: Record<string, number>;
  /** Everything the connection's transport sent (RTP, RTCP, DTLS, ICE), bytes. */
  transportBytesSent: number;
  /** RTP packets received on every inbound stream (audio and video). */
  packetsReceived: number;
}

const READ = `(async () => {
  const out = [];
  for (const [index, pc] of window.__pcs.entries()) {
    if (pc.connectionState === 'closed') continue;
    const r = { state: pc.connectionState, remote: null, inVideo: [], inAudio: [], outVideoRids: [], bytesSent: 0, index, outBytes: {}, transportBytesSent: 0, packetsReceived: 0 };
    const rep = await pc.getStats();
    let pairId = null;
    rep.forEach((s) => { if (s.type === 'transport' && s.selectedCandidatePairId) pairId = s.selectedCandidatePairId; });
    rep.forEach((s) => { if (s.type === 'transport') r.transportBytesSent += s.bytesSent || 0; });
    rep.forEach((s) => {
      if (s.type === 'inbound-rtp' && s.kind === 'video') r.inVideo.push({ mid: s.mid, frames: s.framesDecoded || 0, height: s.frameHeight || 0 });
      if (s.type === 'inbound-rtp' && s.kind === 'audio') r.inAudio.push({ mid: s.mid, energy: s.totalAudioEnergy || 0 });
      if (s.type === 'outbound-rtp' && s.kind === 'video') r.outVideoRids.push(s.rid ?? null);
      if (s.type === 'outbound-rtp') r.bytesSent += s.bytesSent || 0;
      if (s.type === 'outbound-rtp') { const k = s.kind === 'video' && s.rid ? s.rid : s.kind; r.outBytes[k] = (r.outBytes[k] || 0) + (s.bytesSent || 0) + (s.headerBytesSent || 0); }
      if (s.type === 'inbound-rtp') r.packetsReceived += s.packetsReceived || 0;
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

/** Janus's RTP/ICE ports (JANUS_RTP_PORTS in the test); Chromium's own ports are ephemeral, far above. */
export const JANUS_PORTS = { min: 20000, max: 20999 };

export const sfuStats = (page: Page): Promise<SfuPcStats[]> => page.evaluate(READ) as Promise<SfuPcStats[]>;

export const toJanus = (pc: SfuPcStats): boolean => !!pc.remote && pc.remote.port >= JANUS_PORTS.min && pc.remote.port <= JANUS_PORTS.max;

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

/**
 * Makes `page` the switch-gap control: a loopback call (its own camera through two
 * RTCPeerConnections) that decodes like one remote tile but takes no part in the switch, so its
 * decode stalls are what the machine did, not what the switch did. `video`: the capture
 * constraints of the product's camera. Resolves once the loopback track decodes frames.
 */
export async function startControl(page: Page, video: MediaTrackConstraints): Promise<void> {
  await page.evaluate(`(async (video) => {
    if (!window.__decode) throw new Error('decode probe missing on the control page');
    const stream = await navigator.mediaDevices.getUserMedia({ video });
    const a = new RTCPeerConnection();
    const b = new RTCPeerConnection();
    a.onicecandidate = (e) => e.candidate && b.addIceCandidate(e.candidate);
    b.onicecandidate = (e) => e.candidate && a.addIceCandidate(e.candidate);
    stream.getTracks().forEach((t) => a.addTrack(t, stream));
    await a.setLocalDescription(await a.createOffer());
    await b.setRemoteDescription(a.localDescription);
    await b.setLocalDescription(await b.createAnswer());
    await a.setRemoteDescription(b.localDescription);
    window.__control = { a, b, stream };
  })(${JSON.stringify(video)})`);
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const now = (await page.evaluate('window.__decode.now()')) as number;
    if ((await controlStall(page, now - 3000, now - 2000)) !== null) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('the control page decoded no frames of its loopback call within 20 s');
}

/** The control page's largest decode interval overlapping [from, to] (epoch ms); null when it decoded nothing around it. */
export const controlStall = (page: Page, from: number, to: number): Promise<number | null> =>
  page.evaluate(`window.__decode.stallOverlapping(${from}, ${to})`) as Promise<number | null>;
