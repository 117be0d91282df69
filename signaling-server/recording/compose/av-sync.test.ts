/**
 * The composer keeps a person's voice on their picture: the flash-and-beep fixture as converted
 * tracks, composed by the product's command with real ffmpeg, read back by the A/V sync reader.
 * Tracks starting together come out within a frame of each other; an audio track that started
 * 300 ms later on the recording's clock comes out 300 ms late (the reader sees what the composer
 * did, not a constant); a voice after a short run of missing packets (Opus DTX) keeps its place.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { measureAvSync, onsets, pairOffsets, trackFixture } from '../../testing/av-sync';
import { ffmpegArgs } from './filtergraph';
import { layout } from './layout';
import { run } from './run';

jest.setTimeout(120_000);

const W = 640;
const H = 360;
const SECONDS = 9;
/** One frame of the 25 fps output: how far a flash may be seen from its true instant. */
const FRAME_MS = 40;

describe('A/V sync of a composed file', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'av-sync-'));
    await trackFixture(dir, SECONDS);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const compose = async (audioOffset: number, out: string, audio = 'beep.opus') => {
    const person = { id: 'a', name: 'a', joinedAt: 0, mic: true, camera: true, screen: false };
    const segments = layout({ startedAt: 0, stoppedAt: SECONDS * 1000, width: W, height: H, screens: new Set(), timeline: [{ at: 0, participants: [person] }] });
    const tracks = [
      { path: 'flash.webm', participant: 'a', kind: 'video' as const, screen: false, offset: 0 },
      { path: audio, participant: 'a', kind: 'audio' as const, screen: false, offset: audioOffset },
    ];
    await run('ffmpeg', ffmpegArgs({ duration: SECONDS, width: W, height: H, fps: 25, segments, tracks }, out), { cwd: dir, nice: 5 });
    // One person fills the frame (letterboxed 16:9 in 16:9): read the middle.
    return measureAvSync(path.join(dir, out), { x: 160, y: 90, w: 320, h: 180 });
  };

  it('tracks that start together stay within one frame', async () => {
    const m = await compose(0, 'together.mp4');
    expect(m.flashes.length).toBeGreaterThanOrEqual(4);
    expect(m.offsetsMs.length).toBe(m.flashes.length);
    for (const o of m.offsetsMs) expect(Math.abs(o)).toBeLessThanOrEqual(FRAME_MS);
  });

  it('an audio track that started 300 ms later is heard 300 ms later', async () => {
    const m = await compose(0.3, 'late.mp4');
    expect(m.offsetsMs.length).toBeGreaterThanOrEqual(3);
    for (const o of m.offsetsMs) expect(Math.abs(o - 300)).toBeLessThanOrEqual(FRAME_MS);
  });

  it('a beep after 60 ms of missing packets (as Opus DTX leaves them before a word) keeps its place', async () => {
    // The packets of 1.915-1.99 s are dropped, timestamps untouched: the second beep (2 s) follows a gap.
    await run('ffmpeg', ['-v', 'error', '-y', '-i', 'beep.opus', '-c:a', 'copy', '-bsf:a', "noise=drop='between(pts,1915,1990)'", 'gap.mka'], { cwd: dir, nice: 5 });
    const m = await compose(0, 'gap.mp4', 'gap.mka');
    expect(m.offsetsMs.length).toBeGreaterThanOrEqual(4);
    for (const o of m.offsetsMs) expect(Math.abs(o)).toBeLessThanOrEqual(FRAME_MS);
  });
});

describe('onsets and pairing', () => {
  it('finds rises after a quiet run, once per event', () => {
    const s = [0, 0, 0, 10, 10, 0, 10, 0, 0, 0, 0, 10, 0];
    expect(onsets(s, 3, 5)).toEqual([3, 11]);
    expect(onsets([1, 1, 1], 1, 5)).toEqual([]);
  });

  it('pairs each flash with the nearest beep within half a loop', () => {
    expect(pairOffsets([1, 3, 5], [1.02, 2.99, 7], 2)).toEqual([20, -10]);
  });
});
