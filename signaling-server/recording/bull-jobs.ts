/**
 * Composition jobs over Redis (BullMQ), for a cluster: any node queues a stopped recording, and
 * whichever node has a free worker composes it. The job id is the recording id, so a recording is
 * queued once however many nodes find it. A node that dies mid-job leaves the job's lock to expire;
 * BullMQ then hands it to another node's worker (stalled-job recovery), which starts again from
 * the manifest. A composition that fails for good stays in the queue's failed set (the dead
 * letters, kept a week) and its manifest says `failed` with the reason, which hosts see.
 *
 * The manifests and raw tracks live in RECORDINGS_DIR, which every node (and Janus) must share.
 */
import { Queue, UnrecoverableError, Worker } from 'bullmq';
import { CompositionWork, unfinished, type CompositionJobs, type JobCounts, type JobsOptions } from './work';

const QUEUE = 'recording-compose';

export interface BullJobsOptions extends JobsOptions {
  redisUrl: string;
  /** Key prefix in Redis (the server's REDIS_PREFIX followed by `bull`). */
  prefix: string;
  /** Compositions this node runs at once; 0: this node only queues. */
  workers: number;
  /** How long a worker's hold on a job lasts without renewal, and how often stalled jobs are looked for (defaults 30 s, 15 s). */
  lockMs?: number;
  stalledCheckMs?: number;
  /** How often this node looks on disk for recordings whose node died (default 60 s); 0: never. */
  sweepMs?: number;
  /** A recording whose raw tracks were not written for this long has lost its node (default 2 min). */
  staleMs?: number;
}

export class BullRecordingJobs implements CompositionJobs {
  private readonly queue: Queue;
  private readonly worker?: Worker;
  private readonly work: CompositionWork;
  private readonly sweep?: NodeJS.Timeout;
  private closed = false;

  constructor(private readonly opts: BullJobsOptions) {
    const connection = { url: opts.redisUrl };
    this.work = new CompositionWork(opts);
    this.queue = new Queue(QUEUE, { connection, prefix: opts.prefix });
    this.queue.on('error', (err) => opts.log('recording queue error', { error: String(err) }));
    if (opts.workers > 0) {
      this.worker = new Worker(QUEUE, (job) => this.process(String(job.data.id)), {
        connection: { ...connection, maxRetriesPerRequest: null },
        prefix: opts.prefix,
        concurrency: opts.workers,
        lockDuration: opts.lockMs ?? 30_000,
        stalledInterval: opts.stalledCheckMs ?? 15_000,
        maxStalledCount: 3,
      });
      this.worker.on('error', (err) => opts.log('recording worker error', { error: String(err) }));
    }
    const sweepMs = opts.sweepMs ?? 60_000;
    if (sweepMs > 0) this.sweep = setInterval(() => void this.find(opts.staleMs ?? 120_000), sweepMs).unref();
  }

  enqueue(id: string): void {
    if (this.closed) return;
    this.queue
      .add('compose', { id }, { jobId: `rec-${id}`, attempts: 5, backoff: { type: 'exponential', delay: 2000 }, removeOnComplete: true, removeOnFail: { age: 7 * 24 * 3600 } })
      .catch((err: unknown) => this.opts.log('queueing a recording failed', { id, error: String(err) }));
  }

  /** At a start every unfinished recording on disk is queued (those another node is still recording are left alone). */
  resume(): Promise<string[]> {
    return this.find(this.opts.staleMs ?? 120_000);
  }

  async counts(): Promise<JobCounts> {
    const c = await this.queue.getJobCounts('waiting', 'delayed', 'prioritized', 'active', 'failed');
    return { waiting: (c.waiting ?? 0) + (c.delayed ?? 0) + (c.prioritized ?? 0), running: c.active ?? 0, failed: c.failed ?? 0 };
  }

  async idle(): Promise<void> {
    for (;;) {
      const c = await this.counts();
      if (c.waiting === 0 && c.running === 0) return;
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** Stops taking jobs at once; a job running here is left to expire and is taken up by another node. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.sweep) clearInterval(this.sweep);
    this.work.close();
    await this.worker?.close(true);
    await this.queue.close();
  }

  private async find(staleMs: number): Promise<string[]> {
    const again = await unfinished(this.opts.root, staleMs);
    for (const id of again) this.enqueue(id);
    return again;
  }

  private async process(id: string): Promise<void> {
    const outcome = await this.work.run(id);
    // Failed for good: no retry, the job stays among the failed (dead letters).
    if (outcome.state === 'failed') throw new UnrecoverableError(outcome.reason);
    // Cut short by this node closing: another attempt, elsewhere.
    if (outcome.state === 'closed') throw new Error('the node closed during the job');
  }
}
