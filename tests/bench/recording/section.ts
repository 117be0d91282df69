/**
 * The recording section of `npm run bench`: how long the product's composer takes per recorded
 * second with 2, 4 and 6 camera tiles of 640x360 (VP8 at 24 fps and Opus, one voice each, as
 * janus-pp-rec leaves them), composed into the shipped 1280x720 25 fps H.264 + AAC file by the
 * product's own layout, filter graph and ffmpeg settings (under the same `nice`), and the CPU time
 * ffmpeg spent on it (its own `-benchmark` figures) per recorded minute. The tracks are made with
 * ffmpeg (moving test patterns, so the encoder has real work); the .mjr conversion (a remux) is not
 * in the figure. BENCH_RECORDING_SECONDS (default 30) per recording, BENCH_RECORDING_ROUNDS
 * (default 3) per tile count; medians.
 *
 * Beside them, measured in the same run: a browser-based compositor (browser-compositor.ts) on the
 * same tracks at the target's tile count, the peer baseline; and the composer's A/V offset on the
 * flash-and-beep fixture (signaling-server/testing/av-sync.ts) as converted tracks. The offset
 * through the whole chain (browser, Janus, janus-pp-rec, composer) is tests/e2e/recording-sync.e2e.ts.
 *
 * And CPU during the call itself (during.ts): Janus and the server with and without recording, four
 * people on Janus.
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
import { measureAvSync, trackFixture } from '../../../signaling-server/testing/av-sync';
import type { SectionResult } from '../section';
import { round, summarize, table } from '../stats';
import { judge } from '../targets';
import { browserCompose } from './browser-compositor';
import { recordingCpu } from './during';
import { AV_OFFSET_TARGET_MS, COMPOSE_RATIO_TARGET, TARGET_TILES } from './targets';

const exec = promisify(execFile);
const TILES = [2, 4, 6];

/** One participant's camera and microphone as converted tracks. */
async function makeTracks(dir: string, i: number, seconds: number): Promise<void> {
  await exec('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', `testsrc2=s=640x360:r=24:d=${seconds}`, '-c:v', 'libvpx', '-b:v', '600k', '-deadline', 'realtime', '-cpu-used', '8', join(dir, `p${i}.webm`)]);
  await exec('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', `sine=frequency=${300 + 100 * i}:sample_rate=48000:duration=${seconds}`, '-c:a', 'libopus', join(dir, `p${i}.opus`)]);
}

/** ffmpeg's own CPU figures (`-benchmark`): user + system seconds. */
function benchCpuS(stderr: string): number {
  const m = /bench: utime=([\d.]+)s stime=([\d.]+)s/.exec(stderr);
  if (!m) throw new Error('ffmpeg printed no -benchmark figures');
  return Number(m[1]) + Number(m[2]);
}

/** The product's composition of `tracks` for `people`, present throughout; wall ms and ffmpeg's CPU s. */
async function composeWith(dir: string, people: string[], tracks: TrackInput[], seconds: number, out: string): Promise<{ ms: number; cpuS: number }> {
  const { width, height, fps, nice, preset } = defaultComposeOptions;
  const participants = people.map((id, i) => ({ id, name: `Person ${i + 1}`, joinedAt: i, mic: true, camera: true, screen: false }));
  const segments = layout({ startedAt: 0, stoppedAt: seconds * 1000, timeline: [{ at: 0, participants }], screens: new Set(), width, height });
  const args = ['-benchmark', ...ffmpegArgs({ duration: seconds, width, height, fps, segments, tracks, preset }, out)];
  let stderr = '';
  const t0 = performance.now();
  await run('ffmpeg', args, { cwd: dir, nice, onStderr: (t) => (stderr = (stderr + t).slice(-2000)) });
  return { ms: performance.now() - t0, cpuS: benchCpuS(stderr) };
}

/** `n` people of the bench's tracks. */
function compose(dir: string, n: number, seconds: number): Promise<{ ms: number; cpuS: number }> {
  const ids = Array.from({ length: n }, (_, i) => `p${i}`);
  const tracks: TrackInput[] = ids.flatMap((id) => [
    { path: `${id}.webm`, participant: id, kind: 'video' as const, screen: false, offset: 0 },
    { path: `${id}.opus`, participant: id, kind: 'audio' as const, screen: false, offset: 0 },
  ]);
  return composeWith(dir, ids, tracks, seconds, `out-${n}.mp4`);
}

/** The composer's A/V offsets (ms) on the flash-and-beep fixture: one person, 1280x720, the picture in the middle. */
async function composerOffsets(dir: string, seconds: number): Promise<number[]> {
  await trackFixture(dir, seconds);
  const tracks: TrackInput[] = [
    { path: 'flash.webm', participant: 'a', kind: 'video', screen: false, offset: 0 },
    { path: 'beep.opus', participant: 'a', kind: 'audio', screen: false, offset: 0 },
  ];
  await composeWith(dir, ['a'], tracks, seconds, 'sync.mp4');
  const m = await measureAvSync(join(dir, 'sync.mp4'), { x: 320, y: 180, w: 640, h: 360 });
  if (m.offsetsMs.length < m.flashes.length || m.flashes.length === 0) throw new Error(`A/V fixture: ${m.flashes.length} flashes, ${m.offsetsMs.length} paired with a beep`);
  return m.offsetsMs;
}

export async function recordingBench(): Promise<SectionResult> {
  const seconds = Number(process.env.BENCH_RECORDING_SECONDS ?? 30);
  const rounds = Number(process.env.BENCH_RECORDING_ROUNDS ?? 3);
  const dir = mkdtempSync(join(tmpdir(), 'confer-recording-bench-'));
  try {
    for (let i = 0; i < Math.max(...TILES); i++) await makeTracks(dir, i, seconds);
    await compose(dir, 2, Math.min(seconds, 5)); // warm-up: binaries and files in the page cache
    const perMinute = (cpuS: number) => round((cpuS / seconds) * 60, 1);
    const rows: { tiles: number; ratio: number | null; ms: ReturnType<typeof summarize>; cpuSPerMin: number | null }[] = [];
    for (const n of TILES) {
      const runs: { ms: number; cpuS: number }[] = [];
      for (let r = 0; r < rounds; r++) runs.push(await compose(dir, n, seconds));
      const s = summarize(runs.map((x) => x.ms));
      const cpu = summarize(runs.map((x) => x.cpuS)).median;
      rows.push({ tiles: n, ms: s, ratio: s.median === null ? null : round(s.median / 1000 / seconds, 3), cpuSPerMin: cpu === null ? null : perMinute(cpu) });
    }
    const { width, height, fps } = defaultComposeOptions;
    const browser = await browserCompose(dir, TARGET_TILES, seconds, { width, height, fps });
    const offsets = await composerOffsets(dir, Math.min(seconds, 20));
    const during = await recordingCpu(TARGET_TILES, Number(process.env.BENCH_RECORDING_CPU_WINDOW_SECONDS ?? 30));
    const worstOffset = Math.max(...offsets.map(Math.abs));
    console.info(
      table(
        ['tiles (640x360 in, 1280x720 out)', 'compose s, median', 'compose s, max', 'compose s / recorded s', 'ffmpeg CPU s / recorded min'],
        rows.map((r) => [r.tiles, round((r.ms.median ?? 0) / 1000, 2), round((r.ms.max ?? 0) / 1000, 2), r.ratio, r.cpuSPerMin]),
      ),
    );
    const at = rows.find((r) => r.tiles === TARGET_TILES);
    console.info(
      table(
        [`${TARGET_TILES} tiles, ${seconds} s recorded`, 'wall s / recorded s', 'CPU s / recorded min'],
        [
          ['product composer (ffmpeg, after the call)', at?.ratio ?? null, at?.cpuSPerMin ?? null],
          ['browser compositor (Chromium, real time): baseline', round(browser.wallS / seconds, 3), perMinute(browser.cpuS)],
          ['product / baseline CPU', null, at?.cpuSPerMin ? round(at.cpuSPerMin / perMinute(browser.cpuS), 2) : null],
        ],
      ),
    );
    console.info(
      table(
        [`${during.people} people on Janus, ${during.windowS} s windows`, 'CPU s / min, not recording', 'CPU s / min, recording', 'added by recording'],
        [
          ['Janus (forwarding; writing .mjr when recording)', during.janusIdle, during.janusRecording, round(during.janusRecording - during.janusIdle, 1)],
          ['signaling server', during.serverIdle, during.serverRecording, round(during.serverRecording - during.serverIdle, 1)],
        ],
      ),
    );
    console.info(`composer A/V offset on the flash-and-beep fixture (beep − flash, ms): ${offsets.join(', ')}`);
    return {
      result: { seconds, rounds, preset: defaultComposeOptions.preset ?? 'veryfast', rows, browser: { ...browser, cpuSPerMin: perMinute(browser.cpuS) }, composerOffsetsMs: offsets, during },
      failed: false,
      targets: [
        judge(`compose time / recorded duration, ${TARGET_TILES} tiles of 640x360 (median, ${seconds} s recordings)`, at?.ratio ?? null, '<=', COMPOSE_RATIO_TARGET, 'x'),
        judge('composer A/V offset, largest of the fixture\'s flashes (one 25 fps frame is 40 ms)', worstOffset, '<=', AV_OFFSET_TARGET_MS, 'ms'),
      ],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
