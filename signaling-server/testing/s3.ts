/** An S3-compatible server for tests (s3rver on loopback, files in a temporary folder), and a free port for one. */
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import type { S3Config } from '../config';

export const TEST_BUCKET = 'recordings';

/** A loopback port nothing listens on now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** What the server's S3 settings are for a test store on `port`. */
export function s3ConfigFor(port: number): S3Config {
  return {
    bucket: TEST_BUCKET,
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    prefix: 'recordings/',
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  };
}

export interface TestS3 {
  dir: string;
  stop(): Promise<void>;
}

/** Starts s3rver on `port` with the test bucket; its files live in `dir` (a fresh folder unless given, so a restart keeps them). */
export async function startS3(port: number, dir?: string): Promise<TestS3> {
  const directory = dir ?? (await mkdtemp(path.join(os.tmpdir(), 's3rver-')));
  const server = new S3rver({ port, address: '127.0.0.1', directory, silent: true, configureBuckets: [{ name: TEST_BUCKET }] });
  await server.run();
  return { dir: directory, stop: () => server.close() };
}

export async function removeS3(s3: TestS3): Promise<void> {
  await s3.stop().catch(() => undefined);
  await rm(s3.dir, { recursive: true, force: true });
}
