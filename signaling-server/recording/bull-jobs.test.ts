/**
 * Composition jobs over a real redis-server (started here) with BullMQ, as two nodes sharing
 * RECORDINGS_DIR: a node without workers queues, the other composes; a node that dies mid-job
 * leaves it to the other; a composition failing for good ends in the dead letters with its reason.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startRedis, type RedisProcess } from '../../tests/harness/redis-process';
import { BullRecordingJobs, type BullJobsOptions } from './bull-jobs';
import { RAW_DIR, readManifest, recordingDir, writeManifest, type Manifest } from './manifest';

jest.setTimeout(60_000);

const quiet = () => undefined;

async function stopped(root: string, id: string): Promise<void> {
  const m: Manifest = { version: 1, id, room: 'room-a', janusRoom: 'jr', by: 'Ada', startedAt: 1_000, stoppedAt: 21_000, state: 'composing', attempts: 0, timeline: [] };
  await mkdir(path.join(recordingDir(root, id), RAW_DIR), { recursive: true });
  await writeFile(path.join(recordingDir(root, id), RAW_DIR, 'videoroom-jr-user-a-1-audio-0.mjr'), 'raw');
  await writeManifest(root, m);
}

async function until<T>(what: string, get: () => Promise<T>, ok: (v: T) => boolean, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await get();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`${what}: not within ${ms} ms (last: ${JSON.stringify(v)})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Composition stand-in: writes a small MP4 and records which node ran it. */
function composer(node: string, ran: string[], opts: { hang?: boolean; fail?: boolean } = {}) {
  return async (root: string, m: Manifest) => {
    ran.push(`${node}:${m.id}`);
    if (opts.hang) await new Promise(() => undefined);
    if (opts.fail) throw new Error('ffmpeg exited with 1: invalid data');
    const file = path.join(recordingDir(root, m.id), 'recording.mp4');
    await writeFile(file, 'mp4');
    return { file, bytes: 3, durationMs: 20_000 };
  };
}

describe('composition jobs over Redis (BullMQ)', () => {
  let redis: RedisProcess;
  let root: string;
  let prefix: string;
  let n = 0;
  const open: BullRecordingJobs[] = [];
  const node = (o: Partial<BullJobsOptions> & Pick<BullJobsOptions, 'workers' | 'compose'>) => {
    const jobs = new BullRecordingJobs({ root, redisUrl: redis.url, prefix, log: quiet, sweepMs: 0, attempts: 1, ...o });
    open.push(jobs);
    return jobs;
  };

  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis.stop();
  });
  beforeEach(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'rec-bull-'));
    prefix = `t${++n}bull`;
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((j) => j.close()));
    await rm(root, { recursive: true, force: true });
  });

  it('a recording queued on a node without workers is composed by another node', async () => {
    const ran: string[] = [];
    const a = node({ workers: 0, compose: composer('a', ran) });
    node({ workers: 1, compose: composer('b', ran) });
    await stopped(root, 'rec-1');
    a.enqueue('rec-1');
    a.enqueue('rec-1');
    const done = await until('ready', () => readManifest(root, 'rec-1'), (m) => m?.state === 'ready');
    await a.idle();
    expect(ran).toEqual(['b:rec-1']);
    expect(done?.output?.file).toBe('recording.mp4');
    expect(await a.counts()).toEqual({ waiting: 0, running: 0, failed: 0 });
  });

  it('a job whose node died mid-composition is taken over by another node', async () => {
    const ran: string[] = [];
    const a = node({ workers: 1, compose: composer('a', ran, { hang: true }), lockMs: 1500, stalledCheckMs: 500 });
    await stopped(root, 'rec-2');
    a.enqueue('rec-2');
    await until('a started', () => Promise.resolve(ran), (r) => r.includes('a:rec-2'));
    // The node dies: its worker stops renewing the job's lock.
    await a.close();
    open.splice(open.indexOf(a), 1);
    const b = node({ workers: 1, compose: composer('b', ran), lockMs: 1500, stalledCheckMs: 500 });
    const done = await until('ready on b', () => readManifest(root, 'rec-2'), (m) => m?.state === 'ready');
    expect(ran).toEqual(['a:rec-2', 'b:rec-2']);
    expect(done?.attempts).toBe(2);
    await b.idle();
  });

  it('a composition that fails for good is a dead letter, and its manifest says why', async () => {
    const ran: string[] = [];
    const a = node({ workers: 1, compose: composer('a', ran, { fail: true }) });
    await stopped(root, 'rec-3');
    a.enqueue('rec-3');
    const failed = await until('failed', () => readManifest(root, 'rec-3'), (m) => m?.state === 'failed');
    expect(failed?.reason).toContain('invalid data');
    const counts = await until('dead letter', () => a.counts(), (c) => c.failed === 1);
    expect(counts).toEqual({ waiting: 0, running: 0, failed: 1 });
    // Not retried: one run only.
    expect(ran).toEqual(['a:rec-3']);
  });

  it('resume queues what is unfinished on disk, once, whichever nodes find it', async () => {
    const ran: string[] = [];
    await stopped(root, 'rec-resume-4');
    const a = node({ workers: 0, compose: composer('a', ran) });
    const b = node({ workers: 0, compose: composer('b', ran) });
    expect(await a.resume()).toEqual(['rec-resume-4']);
    expect(await b.resume()).toEqual(['rec-resume-4']);
    await until('queued', () => a.counts(), (c) => c.waiting === 1);
    node({ workers: 1, compose: composer('c', ran) });
    await until('ready', () => readManifest(root, 'rec-resume-4'), (m) => m?.state === 'ready');
    expect(ran).toEqual(['c:rec-resume-4']);
  });
});
