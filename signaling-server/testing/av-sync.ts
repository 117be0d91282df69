/**
 * Test-only A/V sync measurement. A fixture camera and microphone that flash and beep at the same
 * instants (a white frame run and a 1 kHz tone burst at the start of every loop), and a reader
 * that finds each flash and each beep in a composed file and pairs them: the offset is the beep's
 * onset minus the flash's, so positive means the sound comes late.
 *
 * The video side is quantised by the file's frame interval (40 ms at 25 fps): a flash is seen at
 * the first frame that shows it, at that frame's own timestamp. The audio side is read in 1 ms
 * windows.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);

/** The fixture's loop: one flash and one beep at its start. */
export const AV_FIXTURE = { periodS: 2, flashS: 0.125, beepS: 0.1, fps: 24, width: 640, height: 360, rate: 48_000 };

/**
 * Chromium's fake capture from files loops them on its own clocks: a y4m of N frames comes round
 * every N + 1 frame times (Chromium 156: flashes 2.041 s apart for 48 frames at 24 fps), a WAV in
 * whole 10 ms buffers (2.05 s for a 2.0417 s file). The capture files are cut so both loops last
 * exactly `periodS` (47 frames; 96000 samples), or flash and beep would drift apart over a call.
 */
const CAPTURE_VIDEO_FRAMES = AV_FIXTURE.periodS * AV_FIXTURE.fps - 1;

const lavfiVideo = (seconds: number) => {
  const { fps, width, height, periodS, flashS } = AV_FIXTURE;
  return `color=c=0x181818:s=${width}x${height}:r=${fps}:d=${seconds},drawbox=x=0:y=0:w=iw:h=ih:color=white:t=fill:enable='lt(mod(t,${periodS}),${flashS})'`;
};
const lavfiAudio = (seconds: number) => {
  const { rate, beepS, periodS } = AV_FIXTURE;
  return `aevalsrc='if(lt(mod(t,${periodS}),${beepS}),0.5*sin(2*PI*1000*t),0)':s=${rate}:d=${seconds}`;
};

/** One loop as Chromium's fake capture files: `--use-file-for-fake-video-capture` / `--use-file-for-fake-audio-capture`. */
export async function captureFixture(dir: string): Promise<{ y4m: string; wav: string }> {
  const y4m = join(dir, 'flash.y4m');
  const wav = join(dir, 'beep.wav');
  await exec('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', lavfiVideo(AV_FIXTURE.periodS), '-frames:v', String(CAPTURE_VIDEO_FRAMES), '-pix_fmt', 'yuv420p', y4m]);
  await exec('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', lavfiAudio(AV_FIXTURE.periodS), '-ac', '1', '-c:a', 'pcm_s16le', wav]);
  return { y4m, wav };
}

/** `seconds` of the fixture as converted tracks (VP8 .webm, Opus), as janus-pp-rec leaves them. */
export async function trackFixture(dir: string, seconds: number): Promise<{ webm: string; opus: string }> {
  const webm = join(dir, 'flash.webm');
  const opus = join(dir, 'beep.opus');
  await exec('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', lavfiVideo(seconds), '-c:v', 'libvpx', '-b:v', '600k', '-deadline', 'realtime', '-cpu-used', '8', webm]);
  await exec('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', lavfiAudio(seconds), '-c:a', 'libopus', opus]);
  return { webm, opus };
}

export interface Crop {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface AvSync {
  /** Seconds from the file's start. */
  flashes: number[];
  beeps: number[];
  /** Per flash that has a beep within half a loop: beep − flash, ms. */
  offsetsMs: number[];
}

async function audioStart(file: string): Promise<number> {
  const { stdout } = await exec('ffprobe', ['-v', 'error', '-select_streams', 'a:0', '-show_entries', 'stream=start_time', '-of', 'default=nw=1:nk=1', file]);
  const t = Number(stdout.trim());
  return Number.isFinite(t) ? t : 0;
}

/** Each frame's time (s) and the mean luma (0-255) of `crop` in it; frames as stored (variable rate too). */
async function lumaSeries(file: string, crop: Crop): Promise<{ times: number[]; luma: Buffer }> {
  const { stdout, stderr } = await exec(
    'ffmpeg',
    ['-hide_banner', '-i', file, '-map', '0:v:0', '-fps_mode', 'passthrough', '-vf', `crop=${crop.w}:${crop.h}:${crop.x}:${crop.y},scale=1:1:flags=area,showinfo`, '-f', 'rawvideo', '-pix_fmt', 'gray', '-'],
    { encoding: 'buffer', maxBuffer: 1 << 24 },
  );
  const times = [...stderr.toString().matchAll(/\] n: *\d+ pts: *-?\d+ pts_time:(-?[\d.]+)/g)].map((m) => Number(m[1]));
  if (times.length !== stdout.length) throw new Error(`${file}: ${stdout.length} frames read, ${times.length} frame times`);
  return { times, luma: stdout };
}

/** RMS of the mono mix in 1 ms windows. */
async function rmsSeries(file: string): Promise<Float64Array> {
  const rate = AV_FIXTURE.rate;
  const { stdout } = await exec('ffmpeg', ['-v', 'error', '-i', file, '-map', '0:a:0', '-ac', '1', '-ar', String(rate), '-f', 'f32le', '-'], { encoding: 'buffer', maxBuffer: 1 << 28 });
  const samples = new Float32Array(stdout.buffer, stdout.byteOffset, Math.floor(stdout.byteLength / 4));
  const win = rate / 1000;
  const out = new Float64Array(Math.floor(samples.length / win));
  for (let w = 0; w < out.length; w++) {
    let sum = 0;
    for (let i = w * win; i < (w + 1) * win; i++) sum += (samples[i] as number) ** 2;
    out[w] = Math.sqrt(sum / win);
  }
  return out;
}

/**
 * Indices where `series` rises through the middle of its range after at least `quiet` values
 * below it (a flash or a beep; the quiet run keeps one event from counting twice).
 */
export function onsets(series: ArrayLike<number>, quiet: number, minRange: number): number[] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < series.length; i++) {
    lo = Math.min(lo, series[i] as number);
    hi = Math.max(hi, series[i] as number);
  }
  if (!(hi - lo >= minRange)) return [];
  const threshold = (lo + hi) / 2;
  const out: number[] = [];
  let below = quiet; // the start of the file counts as quiet
  for (let i = 0; i < series.length; i++) {
    if ((series[i] as number) < threshold) {
      below++;
      continue;
    }
    if (below >= quiet) out.push(i);
    below = 0;
  }
  return out;
}

/** Pairs each flash with the nearest beep within half a loop; beep − flash in ms. */
export function pairOffsets(flashes: number[], beeps: number[], periodS = AV_FIXTURE.periodS): number[] {
  return flashes.flatMap((f) => {
    const nearest = beeps.reduce<number | null>((best, b) => (best === null || Math.abs(b - f) < Math.abs(best - f) ? b : best), null);
    return nearest !== null && Math.abs(nearest - f) < periodS / 2 ? [Math.round((nearest - f) * 1000)] : [];
  });
}

/**
 * Flashes inside `crop` and beeps in the audio mix of `file`, and their offsets. Events within a
 * quarter loop of the file's start or end are left out: one cut by either has no partner.
 */
export async function measureAvSync(file: string, crop: Crop): Promise<AvSync> {
  const [start, video, rms] = await Promise.all([audioStart(file), lumaSeries(file, crop), rmsSeries(file)]);
  // Half a loop of frames below the threshold before a flash counts again (at the slowest rate a file here has, 8 fps).
  const flashes = onsets(video.luma, Math.round(8 * AV_FIXTURE.periodS * 0.5), 64).map((i) => video.times[i] as number);
  const beeps = onsets(rms, Math.round(AV_FIXTURE.periodS * 1000 * 0.5), 0.05).map((ms) => start + ms / 1000);
  const edge = AV_FIXTURE.periodS / 4;
  const end = Math.min(video.times.at(-1) ?? 0, start + rms.length / 1000);
  const inside = (t: number) => t >= edge && t <= end - edge;
  return { flashes: flashes.filter(inside), beeps: beeps.filter(inside), offsetsMs: pairOffsets(flashes.filter(inside), beeps) };
}
