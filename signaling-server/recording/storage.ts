/**
 * Where composed recordings are kept: the recording's own folder (default), or an S3-compatible
 * store (multipart upload through @aws-sdk/lib-storage, confirmed by a HEAD of the object's size,
 * links pre-signed). The server's folder stays the source until the store confirmed the upload.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { GetObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { S3Config } from '../config';

export interface RecordingStorage {
  /** True when files leave the server (the job has an `uploading` step). */
  readonly remote: boolean;
  /** Stores the file; resolves with its key once the store confirmed it holds all of it. */
  put(id: string, file: string): Promise<string>;
  /** A download link to the stored file that expires after `ttlSeconds`. */
  link(key: string, ttlSeconds: number, filename: string): Promise<string>;
}

export class S3Storage implements RecordingStorage {
  readonly remote = true;
  private readonly client: S3Client;

  constructor(private readonly cfg: S3Config) {
    this.client = new S3Client({
      region: cfg.region,
      endpoint: cfg.endpoint,
      forcePathStyle: cfg.forcePathStyle,
      credentials: cfg.credentials,
      // The SDK's own retries for each request; the job retries the whole upload with backoff on top.
      maxAttempts: 3,
      // Plain checksums only where S3 requires them: S3-compatible servers do not all take the newer trailers.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  async put(id: string, file: string): Promise<string> {
    const key = `${this.cfg.prefix}${id}.mp4`;
    const size = (await stat(file)).size;
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.cfg.bucket, Key: key, Body: createReadStream(file), ContentType: 'video/mp4', ContentLength: size },
      partSize: 8 * 1024 * 1024,
      queueSize: 2,
      leavePartsOnError: false,
    });
    await upload.done();
    const head = await this.client.send(new HeadObjectCommand({ Bucket: this.cfg.bucket, Key: key }));
    if (head.ContentLength !== size) throw new Error(`the store holds ${head.ContentLength ?? 0} of ${size} bytes`);
    return key;
  }

  link(key: string, ttlSeconds: number, filename: string): Promise<string> {
    return getSignedUrl(
      this.client,
      new GetObjectCommand({ Bucket: this.cfg.bucket, Key: key, ResponseContentDisposition: `attachment; filename="${filename}"` }),
      { expiresIn: ttlSeconds },
    );
  }

  close(): void {
    this.client.destroy();
  }
}
