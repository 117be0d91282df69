/**
 * The .mjr reader on files written here byte for byte as Janus lays them out: header fields, the
 * anchor at the least delayed packet (a late key frame first), RTP timestamps that wrap, a packet
 * cut short by a crash, and files that are not recordings.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { readMjrTiming } from './mjr';

/** A .mjr of `packets`: [ms since the first was written, RTP timestamp]. */
function mjr(codec: string, type: string, firstWrittenUs: number, packets: [number, number][], cutLast = false): Buffer {
  const json = Buffer.from(JSON.stringify({ t: type, c: codec, s: firstWrittenUs - 5000, u: firstWrittenUs }));
  const head = Buffer.alloc(10);
  head.write('MJR00002', 0, 'latin1');
  head.writeUInt16BE(json.length, 8);
  const parts = [head, json];
  packets.forEach(([time, ts], i) => {
    const rtp = Buffer.alloc(40);
    rtp.writeUInt8(0x80, 0);
    rtp.writeUInt16BE(i, 2);
    rtp.writeUInt32BE(ts >>> 0, 4);
    const meet = Buffer.alloc(10);
    meet.write('MEET', 0, 'latin1');
    meet.writeUInt32BE(time, 4);
    meet.writeUInt16BE(rtp.length, 8);
    parts.push(meet, cutLast && i === packets.length - 1 ? rtp.subarray(0, 20) : rtp);
  });
  return Buffer.concat(parts);
}

describe('.mjr timing', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'mjr-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));
  const file = async (name: string, bytes: Buffer) => {
    const f = path.join(dir, name);
    await writeFile(f, bytes);
    return f;
  };

  it('reads the header and anchors video on its least delayed packet, not a late first key frame', async () => {
    // The key frame (ts 0) was written at 0 ms; the frames after it (24 fps), queued behind it at first, then each 95 ms earlier than it for its timestamp.
    const packets: [number, number][] = [[0, 0], ...Array.from({ length: 20 }, (_, k): [number, number] => [Math.max(3 * (k + 1), Math.round((k + 1) * 41.667 - 95)) + (k % 2), (k + 1) * 3750])];
    const t = await readMjrTiming(await file('v.mjr', mjr('vp8', 'v', 1_000_000_000, packets)));
    expect(t).toMatchObject({ type: 'v', codec: 'vp8', createdUs: 999_995_000, firstWrittenUs: 1_000_000_000, packets: 21 });
    expect(t.firstWrittenUs - t.anchorUs).toBeGreaterThanOrEqual(94_000);
    expect(t.firstWrittenUs - t.anchorUs).toBeLessThanOrEqual(96_000);
  });

  it('keeps the first packet as the anchor when nothing arrived earlier for its timestamp (audio at 48 kHz)', async () => {
    const packets = Array.from({ length: 50 }, (_, i): [number, number] => [i * 20 + (i % 2), i * 960]);
    const t = await readMjrTiming(await file('a.mjr', mjr('opus', 'a', 2_000_000_000, packets)));
    expect(t.anchorUs).toBe(2_000_000_000);
  });

  it('follows RTP timestamps across their 32-bit wrap, and stops at a packet cut short', async () => {
    const start = 2 ** 32 - 3 * 3000;
    const packets = Array.from({ length: 10 }, (_, i): [number, number] => [i * 33 + (i === 6 ? -10 : 0), (start + i * 3000) % 2 ** 32]);
    const t = await readMjrTiming(await file('w.mjr', mjr('vp8', 'v', 3_000_000_000, packets, true)));
    expect(t.packets).toBe(9);
    // Packet 6 came 10 ms early against 33.33 ms per 3000 ticks: the anchor is ~12 ms before the first write, not hours.
    expect(t.firstWrittenUs - t.anchorUs).toBeGreaterThan(5_000);
    expect(t.firstWrittenUs - t.anchorUs).toBeLessThan(15_000);
  });

  it('refuses files that are not version-2 recordings or hold no packets', async () => {
    await expect(readMjrTiming(await file('x.mjr', Buffer.from('MJR00001....')))).rejects.toThrow(/not a version-2 .mjr/);
    await expect(readMjrTiming(await file('e.mjr', Buffer.alloc(0)))).rejects.toThrow(/not a version-2 .mjr/);
    await expect(readMjrTiming(await file('n.mjr', mjr('opus', 'a', 1, [])))).rejects.toThrow(/no packets/);
  });
});
