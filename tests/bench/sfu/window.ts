/**
 * One measuring window over every page of a room, with Janus's CPU time over the same window:
 * upload per participant (transport bytes sent, and RTP bytes per stream/rid) and the packets the
 * pages received from Janus (what Janus forwarded to them).
 */
import { sfuStats, toJanus } from '../../e2e/sfu-probes';
import type { SfuPcStats } from '../../e2e/sfu-probes';
import { sleep } from '../../harness/probes';
import type { CallUser } from '../../harness/ui';
import { janusCpuSeconds } from './janus-cpu';

export interface PageUpload {
  name: string;
  /** Everything this page's connections sent (RTP, RTCP, DTLS, ICE), bytes/s. */
  bytesPerS: number;
  /** RTP bytes/s (payload + headers) per stream: 'audio', 'video' (mesh) or the rid (SFU). */
  rtpPerS: Record<string, number>;
}

export interface WindowResult {
  seconds: number;
  pages: PageUpload[];
  /** Packets/s all pages received on their connections to Janus (= forwarded by Janus, less network loss). */
  forwardedPerS: number;
  /** Janus CPU (user + system) over the window, seconds. */
  janusCpuS: number | null;
}

/** Sums over the connections open at both reads (matched by index), so one closing mid-window does not count. */
function delta(before: SfuPcStats[], after: SfuPcStats[]): { bytes: number; rtp: Record<string, number>; forwarded: number } {
  let bytes = 0;
  let forwarded = 0;
  const rtp: Record<string, number> = {};
  for (const a of after) {
    const b = before.find((x) => x.index === a.index);
    if (!b) continue;
    bytes += a.transportBytesSent - b.transportBytesSent;
    if (toJanus(a)) forwarded += a.packetsReceived - b.packetsReceived;
    for (const [k, v] of Object.entries(a.outBytes)) rtp[k] = (rtp[k] ?? 0) + v - (b.outBytes[k] ?? 0);
  }
  return { bytes, rtp, forwarded };
}

/** Reads every page (and Janus's CPU when `janusPid` is given), waits `seconds`, reads again. */
export async function measureWindow(users: CallUser[], seconds: number, janusPid: number | null): Promise<WindowResult> {
  const read = () => Promise.all(users.map((u) => sfuStats(u.page)));
  const before = await read();
  const cpu0 = janusPid === null ? null : janusCpuSeconds(janusPid);
  const t0 = process.hrtime.bigint();
  await sleep(seconds * 1000);
  const after = await read();
  const cpu1 = janusPid === null ? null : janusCpuSeconds(janusPid);
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  let forwarded = 0;
  const pages = users.map((u, i) => {
    const d = delta(before[i], after[i]);
    forwarded += d.forwarded;
    const rtpPerS = Object.fromEntries(Object.entries(d.rtp).map(([k, v]) => [k, v / s]));
    return { name: u.name, bytesPerS: d.bytes / s, rtpPerS };
  });
  return { seconds: s, pages, forwardedPerS: forwarded / s, janusCpuS: cpu0 === null || cpu1 === null ? null : cpu1 - cpu0 };
}
