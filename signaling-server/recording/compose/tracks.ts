/**
 * The raw tracks of a recording: Janus VideoRoom's .mjr files, mapped back to participant and
 * stream by name, placed in time by their headers, converted with janus-pp-rec.
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

export interface MjrHeader {
  /** Codec ("opus", "vp8", ...). */
  codec: string;
  /** When the recorder was created, µs since the epoch. */
  createdUs: number;
  /** When its first packet was written, µs since the epoch. */
  firstWrittenUs: number;
}

/** Reads the .mjr's JSON header (`janus-pp-rec --json`). */
export async function readHeader(file: string): Promise<MjrHeader> {
  const out = await run('janus-pp-rec', ['--json', file]);
  const json = JSON.parse(out.slice(out.indexOf('{'), out.lastIndexOf('}') + 1)) as { c?: string; s?: number; u?: number };
  if (typeof json.s !== 'number' || typeof json.u !== 'number' || typeof json.c !== 'string') throw new Error(`${path.basename(file)}: no timing in the .mjr header`);
  return { codec: json.c, createdUs: json.s, firstWrittenUs: json.u };
}

/** Converts a .mjr into a playable file (.webm for video, .opus for audio); returns its path. */
export async function convert(file: string, kind: 'audio' | 'video', outDir: string, nice: number): Promise<string> {
  const out = path.join(outDir, `${path.basename(file, '.mjr')}.${kind === 'video' ? 'webm' : 'opus'}`);
  await run('janus-pp-rec', [file, out], { nice });
  return out;
}
