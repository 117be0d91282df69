/**
 * Composition jobs, in process: at most `workers` at a time, each from the manifest on disk, so a
 * restart finds every unfinished one (`resume`) and runs it again from the raw tracks (or, when
 * only the upload was left, uploads the composed file). Raw tracks are removed only once the
 * composed file is where it is served from (the store confirmed it) and the manifest says ready.
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

export class RecordingJobs {
  private readonly queue: string[] = [];
  private readonly running = new Set<string>();
  private failed = 0;
  private idleWaiters: (() => void)[] = [];
  private closed = false;

  constructor(private readonly opts: JobsOptions) {}

  /** Queues a stopped recording for composition (no-op when it is already queued or running). */
  enqueue(id: string): void {
    if (this.closed || this.queue.includes(id) || this.running.has(id)) return;
    this.queue.push(id);
    this.pump();
  }

  /**
   * After a start: every recording left composing, and every one left recording by a server that
   * died (it stopped when its last track was written), is queued again.
   */
  async resume(): Promise<string[]> {
    const found = await listManifests(this.opts.root);
    const again: string[] = [];
    for (const m of found.sort((a, b) => a.startedAt - b.startedAt)) {
      if (m.state === 'recording') {
        m.stoppedAt = await lastWrite(this.opts.root, m);
        m.state = 'composing';
        await writeManifest(this.opts.root, m);
      }
      if (m.state === 'composing' || m.state === 'uploading') {
        again.push(m.id);
        this.enqueue(m.id);
      }
    }
    return again;
  }

  counts(): JobCounts {
    return { waiting: this.queue.length, running: this.running.size, failed: this.failed };
  }

  /** Resolves when nothing is queued or running (tests, shutdown). */
  idle(): Promise<void> {
    if (this.queue.length === 0 && this.running.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Takes no new jobs; running ones finish (or die with the process and resume at the next start). */
  close(): void {
    this.closed = true;
    this.queue.length = 0;
  }

  private pump(): void {
    while (!this.closed && this.running.size < this.opts.workers && this.queue.length > 0) {
      const id = this.queue.shift() as string;
      this.running.add(id);
      void this.runJob(id).finally(() => {
        this.running.delete(id);
        this.pump();
        if (this.queue.length === 0 && this.running.size === 0) for (const w of this.idleWaiters.splice(0)) w();
      });
    }
  }

  private async runJob(id: string): Promise<void> {
    const { root } = this.opts;
    const m = await readManifest(root, id);
    if (!m || m.state === 'ready' || m.state === 'failed') return;
    // A composed file waiting for the store is not composed again.
    const composed = m.state === 'uploading' && m.output && existsSync(path.join(recordingDir(root, id), m.output.file));
    if (!composed && !(await this.compose(m))) return;
    if (this.opts.storage?.remote) {
      if (!(await this.upload(m, this.opts.storage))) return;
    } else {
      m.state = 'ready';
      await writeManifest(root, m);
    }
    // The file is where it will be served from, and the manifest says so: the raw tracks may go.
    await rm(path.join(recordingDir(root, id), RAW_DIR), { recursive: true, force: true });
    this.opts.log('recording ready', { id, composeMs: m.composeMs, bytes: m.output?.bytes, stored: m.stored?.key ?? 'local' });
  }

  /** Composes with retries; false when it failed for good (or the jobs closed). */
  private async compose(m: Manifest): Promise<boolean> {
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
        return true;
      } catch (err) {
        const reason = err instanceof Error ? err.message : String(err);
        this.opts.log('composing a recording failed', { id: m.id, attempt: m.attempts, reason });
        if (m.attempts >= max) {
          m.state = 'failed';
          m.reason = reason.slice(0, 300);
          this.failed += 1;
          await writeManifest(root, m);
          return false;
        }
        await sleep(1000 * 2 ** (m.attempts - 1));
      }
    }
    return false;
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

/** When a recording whose server died stopped: its last raw write, or its last roster snapshot. */
async function lastWrite(root: string, m: Manifest): Promise<number> {
  const raw = path.join(recordingDir(root, m.id), RAW_DIR);
  const files = await readdir(raw).catch(() => []);
  const times = await Promise.all(files.map((f) => stat(path.join(raw, f)).then((s) => s.mtimeMs, () => 0)));
  return Math.max(m.startedAt, ...m.timeline.map((s) => s.at), ...times);
}
