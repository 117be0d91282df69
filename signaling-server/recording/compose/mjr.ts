/**
 * Reads what the composer needs from a Janus .mjr (version 2) file without converting it: the JSON
 * header, and when the stream's media time 0 reached Janus.
 *
 * Layout: "MJR00002", a 16-bit length and the JSON header; then per packet "MEET", a 32-bit time
 * (ms since the first packet was written), a 16-bit length and the RTP packet. All big-endian.
 *
 * A stream's first packet is a poor anchor: the first video packet of a recording is a key frame,
 * which takes the sender longer to encode and send than the frames after it (measured: ~95 ms late
 * against every later packet of the same file, while audio packets arrived within 1-6 ms of their
 * timestamps), so anchoring video on it placed every picture that much late against the voices.
 * The anchor here is the packet that arrived earliest for its RTP timestamp, the least delayed.
 */
import { open } from 'node:fs/promises';

export interface MjrHeader {
  /** "a" or "v" (or "d" for data). */
  type: string;
  /** Codec ("opus", "vp8", ...). */
  codec: string;
  /** When the recorder was created, µs since the epoch. */
  createdUs: number;
  /** When its first packet was written, µs since the epoch. */
  firstWrittenUs: number;
}

export interface MjrTiming extends MjrHeader {
  /** When the stream's media time 0 (its first packet's RTP timestamp) would have arrived with the least delay seen, µs since the epoch. */
  anchorUs: number;
  packets: number;
}

const MAGIC = 'MJR00002';
/** Packets this far into the file are enough to find the least delay (and bound the work for long recordings). */
const SCAN_MS = 30_000;
const CLOCK: Record<string, number> = { opus: 48_000, vp8: 90_000, vp9: 90_000, h264: 90_000, av1: 90_000, h265: 90_000, g711: 8000, pcmu: 8000, pcma: 8000, g722: 8000 };

/** Reads the header and the first SCAN_MS of packets of `file`. Throws on anything that is not a version-2 .mjr with packets. */
export async function readMjrTiming(file: string): Promise<MjrTiming> {
  const fh = await open(file, 'r');
  try {
    let buf = Buffer.alloc(0);
    let eof = false;
    const need = async (n: number): Promise<boolean> => {
      while (buf.length < n && !eof) {
        const chunk = Buffer.alloc(1 << 16);
        const { bytesRead } = await fh.read(chunk, 0, chunk.length, null);
        if (bytesRead === 0) eof = true;
        buf = Buffer.concat([buf, chunk.subarray(0, bytesRead)]);
      }
      return buf.length >= n;
    };
    if (!(await need(10)) || buf.toString('latin1', 0, 8) !== MAGIC) throw new Error(`${file}: not a version-2 .mjr`);
    const headerLength = buf.readUInt16BE(8);
    if (!(await need(10 + headerLength))) throw new Error(`${file}: truncated header`);
    const json = JSON.parse(buf.toString('utf8', 10, 10 + headerLength)) as { t?: string; c?: string; s?: number; u?: number };
    if (typeof json.s !== 'number' || typeof json.u !== 'number' || typeof json.c !== 'string' || typeof json.t !== 'string') throw new Error(`${file}: no timing in the .mjr header`);
    const header: MjrHeader = { type: json.t, codec: json.c, createdUs: json.s, firstWrittenUs: json.u };
    const clock = CLOCK[header.codec.toLowerCase()] ?? 90_000;
    buf = buf.subarray(10 + headerLength);

    let packets = 0;
    let least = Infinity;
    let last: number | null = null;
    let media = 0; // RTP time since the first packet, unwrapped, in clock units
    while (await need(10)) {
      if (buf.toString('latin1', 0, 4) !== 'MEET') throw new Error(`${file}: packet ${packets} has no MEET marker`);
      const time = buf.readUInt32BE(4);
      const length = buf.readUInt16BE(8);
      if (!(await need(10 + length))) break; // a packet cut by a crash: the ones before it count
      if (time > SCAN_MS) break;
      if (length >= 12) {
        const ts = buf.readUInt32BE(10 + 4);
        if (last !== null) media += (ts - last) | 0; // signed 32-bit step: wraps and reordering
        last = ts;
        least = Math.min(least, time - (media / clock) * 1000);
        packets++;
      }
      buf = buf.subarray(10 + length);
    }
    if (packets === 0) throw new Error(`${file}: no packets`);
    return { ...header, packets, anchorUs: header.firstWrittenUs + Math.round(least * 1000) };
  } finally {
    await fh.close();
  }
}
