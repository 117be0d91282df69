/**
 * The raw tracks of a recording: Janus VideoRoom's .mjr files, mapped back to participant and
 * stream by name, converted with janus-pp-rec (their timing: mjr.ts).
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { run } from './run';

export interface RawTrack {
  file: string;
  participant: string;
  kind: 'audio' | 'video';
  /** The stream's m-line index in the publisher's SDP. */
  mindex: number;
}

/**
 * `videoroom-<janus room>-user-<participant id>-<µs>-<audio|video>-<m-line>.mjr` (Janus's own
 * naming when the room records). Undefined for any other file.
 */
export function parseTrackName(file: string, janusRoom: string): RawTrack | undefined {
  const prefix = `videoroom-${janusRoom}-user-`;
  if (!file.startsWith(prefix)) return undefined;
  const m = /^([\w-]+)-\d+-(audio|video)-(\d+)\.mjr$/.exec(file.slice(prefix.length));
  if (!m) return undefined;
  return { file, participant: m[1] as string, kind: m[2] as 'audio' | 'video', mindex: Number(m[3]) };
}

/** The raw tracks in `dir`; a participant's second video stream is their screen share. */
export async function findTracks(dir: string, janusRoom: string): Promise<(RawTrack & { screen: boolean })[]> {
  const files = (await readdir(dir).catch(() => [])).sort();
  const tracks = files.map((f) => parseTrackName(f, janusRoom)).filter((t): t is RawTrack => !!t);
  return tracks.map((t) => {
    const videos = tracks.filter((o) => o.participant === t.participant && o.kind === 'video').map((o) => o.mindex);
    return { ...t, screen: t.kind === 'video' && videos.length > 1 && t.mindex !== Math.min(...videos) };
  });
}

/**
 * Converts a .mjr into a playable file (.webm for video, .mka for audio); returns its path.
 *
 * Audio goes into Matroska, not Ogg: Chromium sends no packets while its Opus encoder is in DTX
 * (silence), and ffmpeg's Ogg demuxer times a page's packets back from the page's end as if they
 * had no gaps, so the sound before a pause moved later and a recording's voices ran up to 0.8 s
 * off their pictures (measured with the flash-and-beep fixture). Matroska keeps each packet's own
 * timestamp, and the composer fills the gaps with silence.
 */
export async function convert(file: string, kind: 'audio' | 'video', outDir: string, nice: number): Promise<string> {
  const out = path.join(outDir, `${path.basename(file, '.mjr')}.${kind === 'video' ? 'webm' : 'mka'}`);
  await run('janus-pp-rec', [file, out], { nice });
  return out;
}
