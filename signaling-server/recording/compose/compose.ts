/**
 * Composes one recording from its folder: converts each raw track, places it on the recording's
 * clock by its .mjr timing (mjr.ts), lays the grid out from the timeline and runs ffmpeg (under `nice`).
 * Everything it writes goes to `work/` and the result is renamed into place, so a run killed
 * half-way leaves nothing that looks finished and can simply run again.
 */
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { RAW_DIR, recordingDir, type Manifest } from '../manifest';
import { ffmpegArgs, type TrackInput } from './filtergraph';
import { layout } from './layout';
import { run } from './run';
import { readMjrTiming } from './mjr';
import { convert, findTracks } from './tracks';

export interface ComposeOptions {
  width: number;
  height: number;
  fps: number;
  /** Niceness of janus-pp-rec and ffmpeg (calls come first). */
  nice: number;
  preset?: string;
}

export const defaultComposeOptions: ComposeOptions = { width: 1280, height: 720, fps: 25, nice: 10 };
export const OUTPUT_FILE = 'recording.mp4';
const FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';

export interface Composed {
  file: string;
  bytes: number;
  durationMs: number;
}

/** The file's duration as ffprobe reads it, in ms. */
export async function probeDurationMs(file: string): Promise<number> {
  const out = await run('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'default=nw=1:nk=1', file]);
  return Math.round(Number(out.trim()) * 1000);
}

export async function composeRecording(root: string, m: Manifest, opts: ComposeOptions = defaultComposeOptions): Promise<Composed> {
  if (m.stoppedAt === undefined) throw new Error('the recording has not stopped');
  if (!m.janusRoom) throw new Error('the media server never started recording');
  const dir = recordingDir(root, m.id);
  const work = path.join(dir, 'work');
  await rm(work, { recursive: true, force: true });
  await mkdir(work, { recursive: true });

  const raw = await findTracks(path.join(dir, RAW_DIR), m.janusRoom);
  const tracks: TrackInput[] = [];
  for (const t of raw) {
    // A stream that never got a packet has no timing and nothing to show.
    const timing = await readMjrTiming(path.join(dir, RAW_DIR, t.file)).catch(() => undefined);
    if (!timing) continue;
    const converted = await convert(path.join(dir, RAW_DIR, t.file), t.kind, work, opts.nice).catch(() => undefined);
    if (!converted || !existsSync(converted)) continue;
    tracks.push({ path: path.basename(converted), participant: t.participant, kind: t.kind, screen: t.screen, offset: (timing.anchorUs / 1000 - m.startedAt) / 1000 });
  }

  const labels = new Map<string, string>();
  const names = new Map(m.timeline.flatMap((s) => s.participants.map((p) => [p.id, p.name] as const)));
  let k = 0;
  for (const [id, name] of names) {
    const file = `label-${k++}.txt`;
    await writeFile(path.join(work, file), name);
    labels.set(id, file);
  }

  const duration = (m.stoppedAt - m.startedAt) / 1000;
  const segments = layout({
    startedAt: m.startedAt,
    stoppedAt: m.stoppedAt,
    timeline: m.timeline,
    screens: new Set(tracks.filter((t) => t.screen).map((t) => t.participant)),
    width: opts.width,
    height: opts.height,
  });
  const args = ffmpegArgs(
    { duration, width: opts.width, height: opts.height, fps: opts.fps, segments, tracks, labels, font: existsSync(FONT) ? FONT : undefined, preset: opts.preset },
    'out.mp4',
  );
  await run('ffmpeg', args, { cwd: work, nice: opts.nice });
  const file = path.join(dir, OUTPUT_FILE);
  await rename(path.join(work, 'out.mp4'), file);
  await rm(work, { recursive: true, force: true });
  return { file, bytes: (await stat(file)).size, durationMs: await probeDurationMs(file) };
}
