/**
 * Capture times in a recording: Chromium's abs-capture-time RTP header extension (which our client
 * asks for: renderer/call/sfu/capture-time.ts) says, on some packets of each stream (the first,
 * then about one a second), when their media was captured, on the one clock the sender's
 * microphone and camera share. A participant's streams are then placed by capture time, as live
 * receivers line them up (`recordingAnchors`); measured on one call, the least arrival delay
 * (./mjr) put the voice 9 ms later against the picture than the capture times did.
 *
 * Janus records a simulcast camera by its best layer and, when that changes, makes the new
 * layer's timestamps follow on by the arrival time between the two (janus_rtp_header_update): the
 * pictures after a change are off by however much sooner or later the new layer's key frame came.
 * Capture times show it (media time 0 captured at another instant from then on), so the video
 * timeline is cut into runs that agree, each starting at its layer's first key frame, and the
 * composer moves each run by its own difference (`shifts`). Seen: 91 ms for the first second of a
 * recording, until its first layer change.
 */

/** One capture-time run of a stream: from media time `fromUs` on, media time 0 was captured at `zeroUs` (sender's clock, µs since the epoch). */
export interface CaptureRun {
  fromUs: number;
  zeroUs: number;
}

export interface CaptureTiming {
  /** When media time 0 was captured, on the sender's clock (µs since the epoch; the median over the packets that say). */
  zeroUs: number;
  /** The least time from capture to Janus seen (µs; includes the two clocks' difference). */
  transitUs: number;
  /** The runs of agreeing capture times in media order (one unless Janus changed the layer it records). */
  runs: CaptureRun[];
}

/** Capture times within this of a run's first belong to it (Chromium's own rounding stays under 1 ms). */
const RUN_TOLERANCE_US = 5000;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] as number;

/** Seconds from the NTP epoch (1900) to the Unix epoch. */
const NTP_UNIX_S = 2_208_988_800;
/** A capture time further than this from the packet's arrival is not one (some other extension). */
const CAPTURE_PLAUSIBLE_US = 24 * 3600e6;

/**
 * The capture time (µs since the epoch) in an RTP packet's abs-capture-time extension: the only
 * extension of 8 or 16 bytes whose first 8 are an NTP time near `nearUs` (its id is not recorded).
 */
export function captureTimeOf(rtp: Buffer, nearUs: number): number | undefined {
  if (rtp.length < 12 || !((rtp[0] as number) & 0x10)) return undefined;
  let at = 12 + 4 * ((rtp[0] as number) & 0x0f);
  if (rtp.length < at + 4) return undefined;
  const profile = rtp.readUInt16BE(at);
  const end = Math.min(rtp.length, at + 4 + 4 * rtp.readUInt16BE(at + 2));
  const twoByte = (profile & 0xfff0) === 0x1000;
  if (profile !== 0xbede && !twoByte) return undefined;
  at += 4;
  while (at < end) {
    const first = rtp[at] as number;
    if (first === 0) {
      at++; // padding
      continue;
    }
    if (!twoByte && first >> 4 === 15) return undefined; // the one-byte form's stop mark
    const len = twoByte ? ((rtp[at + 1] as number) ?? 0) : (first & 0x0f) + 1;
    const data = at + (twoByte ? 2 : 1);
    if (data + len > end) return undefined;
    if (len === 8 || len === 16) {
      const us = (rtp.readUInt32BE(data) - NTP_UNIX_S) * 1e6 + (rtp.readUInt32BE(data + 4) / 2 ** 32) * 1e6;
      if (Math.abs(us - nearUs) < CAPTURE_PLAUSIBLE_US) return us;
    }
    at = data + len;
  }
  return undefined;
}

/** Whether an RTP packet (VP8, RFC 7741) starts a key frame. */
export function isVp8KeyFrame(rtp: Buffer): boolean {
  if (rtp.length < 12) return false;
  let at = 12 + 4 * ((rtp[0] as number) & 0x0f);
  if ((rtp[0] as number) & 0x10) {
    if (rtp.length < at + 4) return false;
    at += 4 + 4 * rtp.readUInt16BE(at + 2);
  }
  const d = rtp[at++];
  if (d === undefined || !(d & 0x10) || (d & 0x07) !== 0) return false; // not the start of partition 0
  if (d & 0x80) {
    const x = rtp[at++] ?? 0;
    if (x & 0x80) at += (rtp[at] ?? 0) & 0x80 ? 2 : 1; // picture id, 7 or 15 bits
    if (x & 0x40) at++; // TL0PICIDX
    if (x & 0x30) at++; // TID / KEYIDX
  }
  const first = rtp[at];
  return first !== undefined && (first & 0x01) === 0;
}

/** Collects a stream's capture times and key frames in media order; `timing()` sums them up. */
export class CaptureRuns {
  private readonly found: { fromUs: number; zeros: number[]; lastUs: number }[] = [];
  private readonly keyFrames: number[] = [];
  private transit = Infinity;

  /** A packet at media time `mediaUs` captured at `capturedUs` (sender's clock) reached Janus at `arrivalUs`. */
  add(mediaUs: number, capturedUs: number, arrivalUs: number): void {
    const zero = capturedUs - mediaUs;
    this.transit = Math.min(this.transit, arrivalUs - capturedUs);
    const run = this.found.at(-1);
    if (run && Math.abs(zero - (run.zeros[0] as number)) <= RUN_TOLERANCE_US) {
      run.zeros.push(zero);
      run.lastUs = mediaUs;
      return;
    }
    // A new run starts at the last key frame since the previous run's last word (the layer change), if one was seen.
    const since = run?.lastUs ?? -Infinity;
    const key = this.keyFrames.filter((k) => k > since && k <= mediaUs).at(-1);
    this.found.push({ fromUs: run ? (key ?? mediaUs) : 0, zeros: [zero], lastUs: mediaUs });
  }

  keyFrame(mediaUs: number): void {
    if (this.keyFrames.at(-1) !== mediaUs) this.keyFrames.push(mediaUs);
    if (this.keyFrames.length > 64) this.keyFrames.shift();
  }

  timing(): CaptureTiming | undefined {
    if (!this.found.length) return undefined;
    const runs = this.found.map((r) => ({ fromUs: Math.round(r.fromUs), zeroUs: Math.round(median(r.zeros)) }));
    return { zeroUs: Math.round(median(this.found.flatMap((r) => r.zeros))), transitUs: Math.round(this.transit), runs };
  }
}

/** Where a track goes: its media time 0 on Janus's clock (µs since the epoch), and moves from some media time on (s). */
export interface TrackPlace {
  anchorUs: number;
  shifts: { atS: number; byS: number }[];
}

/**
 * Where each track goes on Janus's clock. A participant whose every track has capture times is
 * placed by them, one capture-to-Janus offset for all their tracks (the least seen), so their
 * voice and picture keep the relation they were captured with, and a video's later runs move by
 * their own difference; anyone else by each track's least delay.
 */
export function recordingAnchors(tracks: { participant: string; kind: 'audio' | 'video'; timing: { anchorUs: number; capture?: CaptureTiming } }[]): TrackPlace[] {
  const offset = new Map<string, number | null>();
  for (const { participant, timing } of tracks) {
    const before = offset.get(participant);
    if (before === null) continue;
    offset.set(participant, timing.capture ? Math.min(before ?? Infinity, timing.capture.transitUs) : null);
  }
  return tracks.map(({ participant, kind, timing }) => {
    const o = offset.get(participant);
    const c = timing.capture;
    if (!c || typeof o !== 'number') return { anchorUs: timing.anchorUs, shifts: [] };
    if (kind !== 'video' || c.runs.length < 2) return { anchorUs: c.zeroUs + o, shifts: [] };
    const shifts = c.runs.slice(1).map((r, k) => ({ atS: r.fromUs / 1e6, byS: (r.zeroUs - (c.runs[k] as CaptureRun).zeroUs) / 1e6 }));
    return { anchorUs: (c.runs[0] as CaptureRun).zeroUs + o, shifts };
  });
}
