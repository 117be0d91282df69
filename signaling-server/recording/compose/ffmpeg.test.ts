/**
 * The composition command against the real ffmpeg, on synthetic tracks (solid colours, tones):
 * a late joiner's tile appears when they joined, the file is H.264 + AAC, faststart, and exactly
 * as long as the recording.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { frameAt, near, pixel, probe, solidVideo, toneAudio } from '../../testing/media';
import { ffmpegArgs } from './filtergraph';
import { layout } from './layout';
import { run } from './run';

jest.setTimeout(120_000);

const RED = 0xff0000;
const GREEN = 0x00ff00;
const BLUE = 0x0000ff;
const W = 640;
const H = 360;

describe('composition with ffmpeg', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'compose-'));
    await Promise.all([
      solidVideo(path.join(dir, 'a.webm'), '0xff0000', 10),
      solidVideo(path.join(dir, 'b.webm'), '0x00ff00', 6),
      solidVideo(path.join(dir, 'c.webm'), '0x0000ff', 5),
      toneAudio(path.join(dir, 'a.opus'), 440, 10),
      toneAudio(path.join(dir, 'c.opus'), 660, 5),
    ]);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('shows two tiles, then three after the late joiner arrived, for exactly the recorded time', async () => {
    const p = (id: string, joinedAt: number) => ({ id, name: id, joinedAt, mic: true, camera: true, screen: false });
    const segments = layout({
      startedAt: 0,
      stoppedAt: 10_000,
      width: W,
      height: H,
      screens: new Set(),
      timeline: [
        { at: 0, participants: [p('a', 0), p('b', 1)] },
        { at: 5000, participants: [p('a', 0), p('b', 1), p('c', 5000)] },
      ],
    });
    const tracks = [
      { path: 'a.webm', participant: 'a', kind: 'video' as const, screen: false, offset: 0 },
      // b's camera stopped sending after 6 s: its last frame is held.
      { path: 'b.webm', participant: 'b', kind: 'video' as const, screen: false, offset: 0 },
      { path: 'c.webm', participant: 'c', kind: 'video' as const, screen: false, offset: 5 },
      { path: 'a.opus', participant: 'a', kind: 'audio' as const, screen: false, offset: 0 },
      { path: 'c.opus', participant: 'c', kind: 'audio' as const, screen: false, offset: 5 },
    ];
    await run('ffmpeg', ffmpegArgs({ duration: 10, width: W, height: H, fps: 25, segments, tracks }, 'out.mp4'), { cwd: dir, nice: 5 });
    const out = path.join(dir, 'out.mp4');

    const info = await probe(out);
    expect(Math.abs(info.durationS - 10)).toBeLessThanOrEqual(0.1);
    expect(info.video).toMatchObject({ codec: 'h264', width: W, height: H, fps: 25 });
    expect(info.audio?.codec).toBe('aac');
    expect(info.faststart).toBe(true);

    const early = await frameAt(out, 2, W, H);
    // Two cells side by side, each 320x360 with the 16:9 picture letterboxed in its middle.
    expect(near(pixel(early, W, 160, 180), RED)).toBe(true);
    expect(near(pixel(early, W, 480, 180), GREEN)).toBe(true);
    expect(near(pixel(early, W, 160, 30), 0x202124, 20)).toBe(true);

    const late = await frameAt(out, 8, W, H);
    expect(near(pixel(late, W, 160, 90), RED)).toBe(true);
    expect(near(pixel(late, W, 480, 90), GREEN)).toBe(true);
    expect(near(pixel(late, W, 160, 270), BLUE)).toBe(true);
    // The fourth cell stays empty background.
    expect(near(pixel(late, W, 480, 270), 0x202124, 20)).toBe(true);
  });
});
