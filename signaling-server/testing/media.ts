/** Test-only media helpers: synthetic tracks made with ffmpeg, and reading a composed file back. */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';

const exec = promisify(execFile);

/** A VP8 .webm of one solid colour (`0xRRGGBB`), `seconds` long at 640x360. */
export async function solidVideo(file: string, color: string, seconds: number): Promise<void> {
  await exec('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', `color=c=${color}:s=640x360:r=25:d=${seconds}`, '-c:v', 'libvpx', '-b:v', '300k', '-deadline', 'realtime', '-cpu-used', '8', file]);
}

/**
 * A camera for Chromium's fake capture (`--use-file-for-fake-video-capture`, looped): a test card
 * under moving grain (a dim room's webcam), 2 s at 640x360 and 24 fps, as the page asks for. Its
 * picture costs more to code than the product sends, so a link's cap is what sets the rate (the
 * default fake camera sent 248 kbit/s uncapped: no cap below 1 Mbit/s bound).
 */
export async function busyCameraY4m(file: string): Promise<void> {
  await exec('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=s=640x360:r=24,noise=alls=24:allf=t', '-frames:v', '48', '-pix_fmt', 'yuv420p', file]);
}

/** An Opus file of a sine tone. */
export async function toneAudio(file: string, hz: number, seconds: number): Promise<void> {
  await exec('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', `sine=frequency=${hz}:sample_rate=48000:duration=${seconds}`, '-c:a', 'libopus', file]);
}

export interface Probe {
  durationS: number;
  video?: { codec: string; width: number; height: number; fps: number };
  audio?: { codec: string };
  /** The moov atom comes before mdat (faststart). */
  faststart: boolean;
}

export async function probe(file: string): Promise<Probe> {
  const { stdout } = await exec('ffprobe', ['-v', 'error', '-show_format', '-show_streams', '-of', 'json', file]);
  const j = JSON.parse(stdout) as { format: { duration: string }; streams: { codec_type: string; codec_name: string; width?: number; height?: number; avg_frame_rate?: string }[] };
  const v = j.streams.find((s) => s.codec_type === 'video');
  const a = j.streams.find((s) => s.codec_type === 'audio');
  const [num, den] = (v?.avg_frame_rate ?? '0/1').split('/').map(Number);
  const buf = (await readFile(file)).subarray(0, 1 << 16);
  const moov = buf.indexOf('moov');
  const mdat = buf.indexOf('mdat');
  return {
    durationS: Number(j.format.duration),
    video: v ? { codec: v.codec_name, width: v.width ?? 0, height: v.height ?? 0, fps: den ? (num ?? 0) / den : 0 } : undefined,
    audio: a ? { codec: a.codec_name } : undefined,
    faststart: moov >= 0 && (mdat < 0 || moov < mdat),
  };
}

/** The loudest sample of the file's audio in dB (full scale 0; digital silence about -91). */
export async function maxVolumeDb(file: string): Promise<number> {
  const { stderr } = await exec('ffmpeg', ['-hide_banner', '-nostats', '-i', file, '-map', '0:a', '-af', 'volumedetect', '-f', 'null', '-']);
  const m = /max_volume: (-?[\d.]+|-inf) dB/.exec(stderr);
  if (!m) throw new Error('no volume reading from ffmpeg');
  return m[1] === '-inf' ? -Infinity : Number(m[1]);
}

/** One frame at `t` seconds as RGB24. */
export async function frameAt(file: string, t: number, width: number, height: number): Promise<Buffer> {
  const { stdout } = await exec('ffmpeg', ['-v', 'error', '-ss', String(t), '-i', file, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', `${width}x${height}`, '-'], {
    encoding: 'buffer',
    maxBuffer: width * height * 3 + 1024,
  });
  return stdout;
}

/** The RGB of one pixel of an RGB24 frame. */
export function pixel(frame: Buffer, width: number, x: number, y: number): [number, number, number] {
  const i = (y * width + x) * 3;
  return [frame[i] ?? 0, frame[i + 1] ?? 0, frame[i + 2] ?? 0];
}

/** Whether `rgb` is within `tolerance` of `0xRRGGBB` on every channel. */
export function near(rgb: [number, number, number], hex: number, tolerance = 40): boolean {
  const want = [(hex >> 16) & 255, (hex >> 8) & 255, hex & 255];
  return rgb.every((c, i) => Math.abs(c - (want[i] as number)) <= tolerance);
}
