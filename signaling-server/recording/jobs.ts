/**
 * Composition jobs in process (one node, no Redis): at most `workers` at a time, each from the
 * manifest on disk, so a restart finds every unfinished one (`resume`) and runs it again from the
 * raw tracks (or, when only the upload was left, uploads the composed file).
 */
import { CompositionWork, unfinished, type CompositionJobs, type JobCounts, type JobsOptions } from './work';

export type { CompositionJobs, JobCounts, JobsOptions } from './work';

export class RecordingJobs implements CompositionJobs {
  private readonly queue: string[] = [];
  private readonly running = new Set<string>();
  private readonly work: CompositionWork;
  private failed = 0;
  private idleWaiters: (() => void)[] = [];
  private closed = false;

  constructor(private readonly opts: JobsOptions) {
    this.work = new CompositionWork(opts);
  }

  enqueue(id: string): void {
    if (this.closed || this.queue.includes(id) || this.running.has(id)) return;
    this.queue.push(id);
    this.pump();
  }

  /**
   * After a start: every recording left composing or uploading, and every one left recording by a
   * server that died (it stopped when its last track was written), is queued again.
   */
  async resume(): Promise<string[]> {
    const again = await unfinished(this.opts.root);
    for (const id of again) this.enqueue(id);
    return again;
  }

  counts(): Promise<JobCounts> {
    return Promise.resolve({ waiting: this.queue.length, running: this.running.size, failed: this.failed });
  }

  idle(): Promise<void> {
    if (this.queue.length === 0 && this.running.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  close(): Promise<void> {
    this.closed = true;
    this.queue.length = 0;
    this.work.close();
    return Promise.resolve();
  }

  private pump(): void {
    while (!this.closed && this.running.size < this.opts.workers && this.queue.length > 0) {
      const id = this.queue.shift() as string;
      this.running.add(id);
      void this.work
        .run(id)
        .then((outcome) => {
          if (outcome.state === 'failed') this.failed += 1;
        })
        .catch((err: unknown) => this.opts.log('a recording job stopped on an error', { id, error: String(err) }))
        .finally(() => {
          this.running.delete(id);
          this.pump();
          if (this.queue.length === 0 && this.running.size === 0) for (const w of this.idleWaiters.splice(0)) w();
        });
    }
  }
}
