/**
 * What the network section reads in the pages (string expressions, as in harness/probes.ts):
 * counters that are differenced over a window.
 */
import type { Page } from 'playwright-core';
import { sleep } from '../../harness/probes';

/** Counters of one page over all its open connections. */
export interface LinkCounters {
  /** Everything the transports sent / received (RTP, RTCP, DTLS), bytes: what the access link carries less its IP, UDP and link headers. */
  sent: number;
  received: number;
  /** RTP packets sent, and those the far side (the peer, or Janus) reports lost. */
  packetsSent: number;
  packetsLostRemote: number;
}

const COUNTERS = `(async () => {
  const c = { sent: 0, received: 0, packetsSent: 0, packetsLostRemote: 0 };
  for (const pc of window.__pcs) {
    if (pc.connectionState === 'closed') continue;
    (await pc.getStats()).forEach((s) => {
      if (s.type === 'transport') { c.sent += s.bytesSent || 0; c.received += s.bytesReceived || 0; }
      if (s.type === 'outbound-rtp') c.packetsSent += s.packetsSent || 0;
      if (s.type === 'remote-inbound-rtp') c.packetsLostRemote += Math.max(0, s.packetsLost || 0);
    });
  }
  return c;
})()`;

export const linkCounters = (page: Page): Promise<LinkCounters> => page.evaluate(COUNTERS) as Promise<LinkCounters>;

/** The audio of the tile labelled `label` as this page receives it: samples and concealed samples so far. */
export const audioOf = (page: Page, label: string): Promise<{ total: number; concealed: number } | null> =>
  page.evaluate(`(async () => {
    const tile = [...document.querySelectorAll('[data-testid="tile"]')].find((t) => (t.getAttribute('aria-label') || '').startsWith(${JSON.stringify(label)}));
    const stream = tile && tile.querySelector('video[data-testid="tile-video"]')?.srcObject;
    if (!stream) return null;
    const ids = new Set(stream.getAudioTracks().map((t) => t.id));
    const out = { total: 0, concealed: 0 };
    for (const pc of window.__pcs) {
      if (pc.connectionState === 'closed') continue;
      (await pc.getStats()).forEach((s) => {
        if (s.type === 'inbound-rtp' && s.kind === 'audio' && ids.has(s.trackIdentifier)) { out.total += s.totalSamplesReceived || 0; out.concealed += s.concealedSamples || 0; }
      });
    }
    return out;
  })()`) as Promise<{ total: number; concealed: number } | null>;

/** One window's figures for the capped participant. */
export interface WindowFigures {
  /** What her access link carried each way, counted on the link (./link.ts, linkBytes). */
  upBps: number;
  downBps: number;
  /** What her page's transports sent: the same without IP, UDP and link headers. */
  upTransportBps: number;
  /** Lost / sent on the uplink, percent (null: nothing sent). */
  upLossPercent: number | null;
  /** Concealed share of her audio at the listener, percent (null: her audio was not found). */
  concealedPercent: number | null;
  /** A connection was replaced during the window (counters went back): its figures mean nothing. */
  replaced: boolean;
}

/** Measures over `ms`: `capped`'s link use (`link`: her link's byte counters) and uplink loss, and `listener`'s concealment of her audio. */
export async function measureWindow(capped: Page, listener: Page, label: string, ms: number, link: () => { up: number; down: number }): Promise<WindowFigures> {
  const [a0, l0] = await Promise.all([linkCounters(capped), audioOf(listener, label)]);
  const k0 = link();
  const t0 = Date.now();
  await sleep(ms);
  // Each pair read in the same order at both ends, so the page's window and the link's line up.
  const [a1, l1] = await Promise.all([linkCounters(capped), audioOf(listener, label)]);
  const k1 = link();
  const s = (Date.now() - t0) / 1000;
  const sent = a1.packetsSent - a0.packetsSent;
  const samples = l0 && l1 ? l1.total - l0.total : 0;
  return {
    replaced: a1.sent < a0.sent || a1.received < a0.received || a1.packetsSent < a0.packetsSent,
    upBps: ((k1.up - k0.up) * 8) / s,
    downBps: ((k1.down - k0.down) * 8) / s,
    upTransportBps: ((a1.sent - a0.sent) * 8) / s,
    upLossPercent: sent > 0 ? (100 * Math.max(0, a1.packetsLostRemote - a0.packetsLostRemote)) / sent : null,
    concealedPercent: l0 && l1 && samples > 0 ? (100 * (l1.concealed - l0.concealed)) / samples : null,
  };
}
