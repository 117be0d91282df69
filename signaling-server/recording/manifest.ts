/**
 * A recording's manifest: everything needed to compose it again after a restart, written beside
 * its raw tracks (`<RECORDINGS_DIR>/<id>/manifest.json`) at every change of state.
 */
import { mkdir, readFile, readdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { RecordingJobState } from '../../protocol';

/** Who was in the room at `at`, with what on (the server's own roster). */
export interface RosterSnapshot {
  /** ms since the epoch. */
  at: number;
  participants: { id: string; name: string; joinedAt: number; mic: boolean; camera: boolean; screen: boolean }[];
}

export interface Manifest {
  version: 1;
  id: string;
  /** The meeting id. */
  room: string;
  /** The VideoRoom id Janus used in the .mjr names. */
  janusRoom?: string;
  by: string;
  startedAt: number;
  stoppedAt?: number;
  state: RecordingJobState;
  reason?: string;
  /** Attempts at composing so far (a restart during composition counts one). */
  attempts: number;
  timeline: RosterSnapshot[];
  /** The composed file, relative to the recording's folder. */
  output?: { file: string; bytes: number; durationMs: number };
  /** Where the S3-compatible store holds it (set once the store confirmed the upload). */
  stored?: { key: string };
  /** Compose wall time in ms (for metrics and the bench). */
  composeMs?: number;
}

export const MANIFEST = 'manifest.json';
/** Janus writes the raw tracks here, inside the recording's folder. */
export const RAW_DIR = 'raw';

export const recordingDir = (root: string, id: string): string => path.join(root, id);

/** Written to a temporary name and renamed: a crash never leaves half a manifest. */
export async function writeManifest(root: string, m: Manifest): Promise<void> {
  const dir = recordingDir(root, m.id);
  await mkdir(dir, { recursive: true });
  const tmp = path.join(dir, `${MANIFEST}.tmp`);
  await writeFile(tmp, JSON.stringify(m, null, 1));
  await rename(tmp, path.join(dir, MANIFEST));
}

export async function readManifest(root: string, id: string): Promise<Manifest | undefined> {
  try {
    return JSON.parse(await readFile(path.join(recordingDir(root, id), MANIFEST), 'utf8')) as Manifest;
  } catch {
    return undefined;
  }
}

/** Every recording under `root` (unreadable folders are skipped). */
export async function listManifests(root: string): Promise<Manifest[]> {
  const entries = await readdir(root, { withFileTypes: true }).catch(() => []);
  const all = await Promise.all(entries.filter((e) => e.isDirectory() && /^[\w-]{8,64}$/.test(e.name)).map((e) => readManifest(root, e.name)));
  return all.filter((m): m is Manifest => m?.version === 1);
}
