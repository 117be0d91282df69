/**
 * One composition job, whichever queue runs it: compose from the raw tracks (with retries), upload
 * to the store when there is one (retried while it is unreachable), and only then remove the raw
 * tracks. Every step is written to the manifest first, so a job cut short runs again from there.
 */
import { existsSync } from 'node:fs';
import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { RAW_DIR, listManifests, readManifest, recordingDir, writeManifest, type Manifest } from './manifest';
import { composeRecording, type Composed } from './compose/compose';
import type { RecordingStorage } from './storage';

export interface JobCounts {
  waiting: number;
  running: number;
  failed: number;
}

export interface JobsOptions {
  root: string;
  workers: number;
  /** How often a failing composition is tried (default 3). */
  attempts?: number;
  compose?: (root: string, m: Manifest) => Promise<Composed>;
  log: (msg: string, fields: Record<string, unknown>) => void;
  /** An S3-compatible store; without one, files stay in their recording's folder. */
  storage?: RecordingStorage;
  /** Pause after the first failed upload, and the longest (default 1 s, 60 s). */
  uploadBackoffMs?: [number, number];
  /** Called after each successful composition: compose seconds per recorded second. */
  onComposed?: (ratio: number) => void;
}

/** What a queue of composition jobs offers the recorder, the server and the metrics. */
export interface CompositionJobs {
  /** Queues a stopped recording (no-op when it is already queued or running). */
  enqueue(id: string): void;
  /** Queues every unfinished recording found on disk; resolves to their ids. */
  resume(): Promise<string[]>;
  counts(): Promise<JobCounts>;
  /** Resolves when nothing is queued or running (tests, shutdown). */
  idle(): Promise<void>;
  /** Takes no new jobs; running ones finish (or die with the process and are taken up again). */
  close(): Promise<void>;
}

/** How a job ended: ready, failed for good (the manifest says why), or cut short by close(). */
export type JobOutcome = { state: 'ready' } | { state: 'failed'; reason: string } | { state: 'closed' };

export class CompositionWork {
  private closed = false;

  constructor(private readonly opts: JobsOptions) {}

  close(): void {
    this.closed = true;
  }

  async run(id: string): Promise<JobOutcome> {
    const { root } = this.opts;
    const m = await readManifest(root, id);
    if (!m || m.state === 'ready') return { state: 'ready' };
    if (m.state === 'failed') return { state: 'failed', reason: m.reason ?? 'failed' };
    // A composed file waiting for the store is not composed again.
    const composed = m.state === 'uploading' && m.output && existsSync(path.join(recordingDir(root, id), m.output.file));
    if (!composed) {
      const outcome = await this.compose(m);
      if (outcome.state !== 'ready') return outcome;
    }
    if (this.opts.storage?.remote) {
      if (!(await this.upload(m, this.opts.storage))) return { state: 'closed' };
    } else {
      m.state = 'ready';
      await writeManifest(root, m);
    }
    // The file is where it will be served from, and the manifest says so: the raw tracks may go.
    await rm(path.join(recordingDir(root, id), RAW_DIR), { recursive: true, force: true });
    this.opts.log('recording ready', { id, composeMs: m.composeMs, bytes: m.output?.bytes, stored: m.stored?.key ?? 'local' });
    return { state: 'ready' };
  }

  /** Composes with retries. */
  private async compose(m: Manifest): Promise<JobOutcome> {
    const { root } = this.opts;
    const max = this.opts.attempts ?? 3;
    const compose = this.opts.compose ?? composeRecording;
    while (!this.closed) {
      m.attempts += 1;
      m.state = 'composing';
      await writeManifest(root, m);
      const t0 = Date.now();
      try {
        const out = await compose(root, m);
        m.composeMs = Date.now() - t0;
        m.output = { file: path.basename(out.file), bytes: out.bytes, durationMs: out.durationMs };
        m.reason = undefined;
        const recorded = (m.stoppedAt ?? m.startedAt) - m.startedAt;
        if (recorded > 0) this.opts.onComposed?.(m.composeMs / recorded);
        return { state: 'ready' };
      } catch (err) {
        const reason = err instanceof Error ? err.message : String(err);
        this.opts.log('composing a recording failed', { id: m.id, attempt: m.attempts, reason });
        if (m.attempts >= max) {
          m.state = 'failed';
          m.reason = reason.slice(0, 300);
          await writeManifest(root, m);
          return { state: 'failed', reason: m.reason };
        }
        await sleep(1000 * 2 ** (m.attempts - 1));
      }
    }
    return { state: 'closed' };
  }

  /** Uploads until the store confirms it, with growing pauses (an unreachable store only delays); false when the jobs closed. */
  private async upload(m: Manifest, storage: RecordingStorage): Promise<boolean> {
    const { root } = this.opts;
    const file = path.join(recordingDir(root, m.id), (m.output as { file: string }).file);
    const [first, most] = this.opts.uploadBackoffMs ?? [1000, 60_000];
    m.state = 'uploading';
    await writeManifest(root, m);
    for (let attempt = 0; !this.closed; attempt++) {
      try {
        m.stored = { key: await storage.put(m.id, file) };
        m.state = 'ready';
        m.reason = undefined;
        await writeManifest(root, m);
        await rm(file, { force: true });
        return true;
      } catch (err) {
        m.reason = `storage: ${err instanceof Error ? err.message : String(err)}`.slice(0, 300);
        await writeManifest(root, m);
        this.opts.log('uploading a recording failed, will retry', { id: m.id, attempt, reason: m.reason });
        await sleep(Math.min(most, first * 2 ** attempt));
      }
    }
    return false;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms).unref());

/**
 * The unfinished recordings on disk, oldest first. One left `recording` by a server that died
 * (no raw write for `staleMs`) stopped at its last write and is marked for composition.
 */
export async function unfinished(root: string, staleMs = 0, now = Date.now()): Promise<string[]> {
  const found = await listManifests(root);
  const again: string[] = [];
  for (const m of found.sort((a, b) => a.startedAt - b.startedAt)) {
    if (m.state === 'recording') {
      const last = await lastWrite(root, m);
      if (now - last < staleMs) continue;
      m.stoppedAt = last;
      m.state = 'composing';
      await writeManifest(root, m);
    }
    if (m.state === 'composing' || m.state === 'uploading') again.push(m.id);
  }
  return again;
}

/** When a recording whose server died stopped: its last raw write, or its last roster snapshot. */
async function lastWrite(root: string, m: Manifest): Promise<number> {
  const raw = path.join(recordingDir(root, m.id), RAW_DIR);
  const files = await readdir(raw).catch(() => []);
  const times = await Promise.all(files.map((f) => stat(path.join(raw, f)).then((s) => s.mtimeMs, () => 0)));
  return Math.max(m.startedAt, ...m.timeline.map((s) => s.at), ...times);
}
