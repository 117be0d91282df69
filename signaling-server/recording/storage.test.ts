/**
 * Composed recordings into a real S3-compatible server (s3rver, started here), and jobs that
 * survive a restart: the store is down when the upload starts and comes back (the file arrives,
 * raw tracks go only after); a composition cut short by a killed server runs again at the next
 * start; a file composed but not yet uploaded is uploaded without composing again.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { freePort, removeS3, s3ConfigFor, startS3, TEST_BUCKET, type TestS3 } from '../testing/s3';
import { RecordingJobs } from './jobs';
import { RAW_DIR, readManifest, recordingDir, writeManifest, type Manifest } from './manifest';
import { S3Storage } from './storage';

jest.setTimeout(60_000);

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const quiet = () => undefined;

async function waitFor(what: string, check: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A stopped recording with one raw track, as the recorder leaves it. */
async function stoppedRecording(root: string, id: string, state: Manifest['state'] = 'composing'): Promise<Manifest> {
  const m: Manifest = { version: 1, id, room: 'room-a', janusRoom: 'jr', by: 'Ada', startedAt: 1_000, stoppedAt: 21_000, state, attempts: 0, timeline: [] };
  await mkdir(path.join(recordingDir(root, id), RAW_DIR), { recursive: true });
  await writeFile(path.join(recordingDir(root, id), RAW_DIR, 'videoroom-jr-user-a-1-audio-0.mjr'), 'raw');
  await writeManifest(root, m);
  return m;
}

/** A stand-in for composition: 12 MB of random bytes as the MP4 (two multipart parts), and the count of runs. */
function fakeCompose(content: Buffer) {
  const calls: string[] = [];
  const compose = async (root: string, m: Manifest) => {
    calls.push(m.id);
    const file = path.join(recordingDir(root, m.id), 'recording.mp4');
    await writeFile(file, content);
    return { file, bytes: content.length, durationMs: 20_000 };
  };
  return { compose, calls };
}

describe('recordings in an S3-compatible store', () => {
  let root: string;
  let s3: TestS3 | undefined;
  let storage: S3Storage | undefined;
  beforeEach(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'rec-s3-'));
  });
  afterEach(async () => {
    storage?.close();
    if (s3) await removeS3(s3);
    s3 = undefined;
    await rm(root, { recursive: true, force: true });
  });

  it('waits for a store that is down when the upload starts, then uploads; raw tracks go only after', async () => {
    const port = await freePort();
    storage = new S3Storage(s3ConfigFor(port));
    const content = randomBytes(12 * 1024 * 1024);
    const { compose } = fakeCompose(content);
    const jobs = new RecordingJobs({ root, workers: 1, storage, compose, log: quiet, uploadBackoffMs: [200, 1000] });
    await stoppedRecording(root, 'rec-down-1');
    jobs.enqueue('rec-down-1');

    // Down: the job waits in `uploading` with the reason; nothing is lost.
    await waitFor('upload failing', async () => ((await readManifest(root, 'rec-down-1'))?.reason ?? '').startsWith('storage:'));
    const waiting = await readManifest(root, 'rec-down-1');
    expect(waiting?.state).toBe('uploading');
    expect(existsSync(path.join(recordingDir(root, 'rec-down-1'), RAW_DIR))).toBe(true);
    expect(existsSync(path.join(recordingDir(root, 'rec-down-1'), 'recording.mp4'))).toBe(true);

    // Back: the file arrives whole; then the raw tracks and the local copy go.
    s3 = await startS3(port);
    await jobs.idle();
    const done = await readManifest(root, 'rec-down-1');
    expect(done).toMatchObject({ state: 'ready', stored: { key: 'recordings/rec-down-1.mp4' } });
    expect(done?.reason).toBeUndefined();
    const client = new S3Client({ ...s3ConfigFor(port), requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' });
    const obj = await client.send(new GetObjectCommand({ Bucket: TEST_BUCKET, Key: 'recordings/rec-down-1.mp4' }));
    expect(sha(Buffer.from(await (obj.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray()))).toBe(sha(content));
    client.destroy();
    expect(existsSync(path.join(recordingDir(root, 'rec-down-1'), RAW_DIR))).toBe(false);
    expect(existsSync(path.join(recordingDir(root, 'rec-down-1'), 'recording.mp4'))).toBe(false);

    // The pre-signed link works, and expires.
    const url = await storage.link('recordings/rec-down-1.mp4', 60, 'r.mp4');
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect((await res.arrayBuffer()).byteLength).toBe(content.length);
    const expired = await storage.link('recordings/rec-down-1.mp4', 1, 'r.mp4');
    await new Promise((r) => setTimeout(r, 2100));
    expect((await fetch(expired)).status).toBe(403);
  });

  it('after a restart: composes again what a killed server left half-composed, and only uploads what was composed', async () => {
    const port = await freePort();
    s3 = await startS3(port);
    storage = new S3Storage(s3ConfigFor(port));
    const content = randomBytes(1024 * 1024);

    // The killed server had started composing (attempt 1, a half-written file in work/).
    const cut = await stoppedRecording(root, 'rec-cut-1');
    cut.attempts = 1;
    await writeManifest(root, cut);
    await mkdir(path.join(recordingDir(root, cut.id), 'work'), { recursive: true });
    await writeFile(path.join(recordingDir(root, cut.id), 'work', 'out.mp4'), 'half');
    // Another was composed and waited for the store.
    const composed = await stoppedRecording(root, 'rec-upl-1', 'uploading');
    await writeFile(path.join(recordingDir(root, composed.id), 'recording.mp4'), content);
    composed.output = { file: 'recording.mp4', bytes: content.length, durationMs: 20_000 };
    await writeManifest(root, composed);

    const { compose, calls } = fakeCompose(content);
    const jobs = new RecordingJobs({ root, workers: 1, storage, compose, log: quiet });
    expect((await jobs.resume()).sort()).toEqual(['rec-cut-1', 'rec-upl-1']);
    await jobs.idle();
    expect(calls).toEqual(['rec-cut-1']);
    for (const id of ['rec-cut-1', 'rec-upl-1']) {
      expect(await readManifest(root, id)).toMatchObject({ state: 'ready', stored: { key: `recordings/${id}.mp4` } });
      expect(existsSync(path.join(recordingDir(root, id), RAW_DIR))).toBe(false);
    }
    expect((await readManifest(root, 'rec-cut-1'))?.attempts).toBe(2);
  });

  it('without a store: a recording left `recording` by a dead server stops at its last write and is composed', async () => {
    const m = await stoppedRecording(root, 'rec-dead-1', 'recording');
    m.stoppedAt = undefined;
    m.timeline = [{ at: 5_000, participants: [] }];
    await writeManifest(root, m);
    const content = randomBytes(1000);
    const { compose, calls } = fakeCompose(content);
    const jobs = new RecordingJobs({ root, workers: 1, compose, log: quiet });
    expect(await jobs.resume()).toEqual(['rec-dead-1']);
    await jobs.idle();
    const done = await readManifest(root, 'rec-dead-1');
    expect(calls).toEqual(['rec-dead-1']);
    expect(done?.state).toBe('ready');
    // Its raw track's modification time (now) is later than the last snapshot.
    expect(done?.stoppedAt).toBeGreaterThan(5_000);
    expect(await readFile(path.join(recordingDir(root, 'rec-dead-1'), 'recording.mp4'))).toEqual(content);
  });
});
