/**
 * The recording section of `npm run bench`: how long the product's composer takes per recorded
 * second with 2, 4 and 6 camera tiles of 640x360 (VP8 at 24 fps and Opus, one voice each, as
 * janus-pp-rec leaves them), composed into the shipped 1280x720 25 fps H.264 + AAC file by the
 * product's own layout, filter graph and ffmpeg settings (under the same `nice`). The tracks are
 * made with ffmpeg (moving test patterns, so the encoder has real work); the .mjr conversion
 * (a remux) is not in the figure. BENCH_RECORDING_SECONDS (default 30) per recording,
 * BENCH_RECORDING_ROUNDS (default 3) per tile count; medians.
 *
 * Not measured here yet: CPU-seconds during recording (Janus writing .mjr), the A/V offset, and a
 * browser-based compositor as the peer baseline.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { defaultComposeOptions } from '../../../signaling-server/recording/compose/compose';
import { ffmpegArgs, type TrackInput } from '../../../signaling-server/recording/compose/filtergraph';
import { layout } from '../../../signaling-server/recording/compose/layout';
import { run } from '../../../signaling-server/recording/compose/run';
import type { SectionResult } from '../section';
import { round, summarize, table } from '../stats';
import { judge } from '../targets';
import { COMPOSE_RATIO_TARGET, TARGET_TILES } from './targets';

const exec = promisify(execFile);
const TILES = [2, 4, 6];

/** One participant's camera and microphone as converted tracks. */
async function makeTracks(dir: string, i: number, seconds: number): Promise<void> {
  await exec('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', `testsrc2=s=640x360:r=24:d=${seconds}`, '-c:v', 'libvpx', '-b:v', '600k', '-deadline', 'realtime', '-cpu-used', '8', join(dir, `p${i}.webm`)]);
  await exec('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', `sine=frequency=${300 + 100 * i}:sample_rate=48000:duration=${seconds}`, '-c:a', 'libopus', join(dir, `p${i}.opus`)]);
}

/** The product's composition of `n` people present throughout; wall ms. */
async function compose(dir: string, n: number, seconds: number): Promise<number> {
  const people = Array.from({ length: n }, (_, i) => ({ id: `p${i}`, name: `Person ${i + 1}`, joinedAt: i, mic: true, camera: true, screen: false }));
  const { width, height, fps, nice, preset } = defaultComposeOptions;
  const segments = layout({ startedAt: 0, stoppedAt: seconds * 1000, timeline: [{ at: 0, participants: people }], screens: new Set(), width, height });
  const tracks: TrackInput[] = people.flatMap((p) => [
    { path: `${p.id}.webm`, participant: p.id, kind: 'video' as const, screen: false, offset: 0 },
    { path: `${p.id}.opus`, participant: p.id, kind: 'audio' as const, screen: false, offset: 0 },
  ]);
  const args = ffmpegArgs({ duration: seconds, width, height, fps, segments, tracks, preset }, `out-${n}.mp4`);
  const t0 = performance.now();
  await run('ffmpeg', args, { cwd: dir, nice });
  return performance.now() - t0;
}

export async function recordingBench(): Promise<SectionResult> {
  const seconds = Number(process.env.BENCH_RECORDING_SECONDS ?? 30);
  const rounds = Number(process.env.BENCH_RECORDING_ROUNDS ?? 3);
  const dir = mkdtempSync(join(tmpdir(), 'confer-recording-bench-'));
  try {
    for (let i = 0; i < Math.max(...TILES); i++) await makeTracks(dir, i, seconds);
    await compose(dir, 2, Math.min(seconds, 5)); // warm-up: binaries and files in the page cache
    const rows: { tiles: number; ratio: number | null; ms: ReturnType<typeof summarize> }[] = [];
    for (const n of TILES) {
      const ms: number[] = [];
      for (let r = 0; r < rounds; r++) ms.push(await compose(dir, n, seconds));
      const s = summarize(ms);
      rows.push({ tiles: n, ms: s, ratio: s.median === null ? null : round(s.median / 1000 / seconds, 3) });
    }
    console.info(
      table(
        ['tiles (640x360 in, 1280x720 out)', 'compose s, median', 'compose s, max', 'compose s / recorded s'],
        rows.map((r) => [r.tiles, round((r.ms.median ?? 0) / 1000, 2), round((r.ms.max ?? 0) / 1000, 2), r.ratio]),
      ),
    );
    const at = rows.find((r) => r.tiles === TARGET_TILES);
    return {
      result: { seconds, rounds, preset: defaultComposeOptions.preset ?? 'veryfast', rows },
      failed: false,
      targets: [judge(`compose time / recorded duration, ${TARGET_TILES} tiles of 640x360 (median, ${seconds} s recordings)`, at?.ratio ?? null, '<=', COMPOSE_RATIO_TARGET, 'x')],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
