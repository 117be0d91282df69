/** Recording settings: policy, where raw tracks and composed files live, how many compose at once. */
import path from 'node:path';
import type { envReader } from './env-reader';

export interface RecordingConfig {
  /** RECORDING=on|off: whether hosts may record at all (it also needs the media server). */
  enabled: boolean;
  /** RECORDINGS_DIR: one folder per recording (raw .mjr tracks, manifest, the composed MP4). Janus writes here too, so it must share this filesystem. */
  dir: string;
  /** RECORDING_WORKERS: compositions running at once (each under `nice`). */
  workers: number;
  /** RECORDING_LINK_TTL_SECONDS: how long a download link works. */
  linkTtlSeconds: number;
  /** Composed files go to this S3-compatible store when S3_BUCKET is set; otherwise they stay in `dir`. */
  s3?: S3Config;
}

export interface S3Config {
  bucket: string;
  /** S3_ENDPOINT: any S3-compatible server (MinIO, Ceph, ...); unset: AWS. */
  endpoint?: string;
  region: string;
  /** S3_PREFIX: key prefix of the files (default `recordings/`). */
  prefix: string;
  /** S3_FORCE_PATH_STYLE: `bucket` in the path instead of the host name (default on with S3_ENDPOINT). */
  forcePathStyle: boolean;
  /** S3_ACCESS_KEY_ID / S3_SECRET_ACCESS_KEY; unset: the SDK's default chain (environment, instance role). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

function s3ConfigFromEnv({ errors, read }: ReturnType<typeof envReader>): S3Config | undefined {
  const bucket = read('S3_BUCKET');
  const endpoint = read('S3_ENDPOINT');
  const keyId = read('S3_ACCESS_KEY_ID');
  const secret = read('S3_SECRET_ACCESS_KEY');
  const pathStyle = (read('S3_FORCE_PATH_STYLE') ?? (endpoint ? 'on' : 'off')).toLowerCase();
  if (pathStyle !== 'on' && pathStyle !== 'off') errors.push(`S3_FORCE_PATH_STYLE must be "on" or "off" (got "${pathStyle}")`);
  if (!bucket) {
    if (endpoint || keyId || secret) errors.push('S3_ENDPOINT and S3 credentials need S3_BUCKET');
    return undefined;
  }
  if (endpoint !== undefined && !/^https?:\/\/\S+$/.test(endpoint)) errors.push(`S3_ENDPOINT must be an http(s) URL (got "${endpoint}")`);
  if ((keyId === undefined) !== (secret === undefined)) errors.push('S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together');
  return {
    bucket,
    endpoint,
    region: read('S3_REGION') ?? 'us-east-1',
    prefix: read('S3_PREFIX') ?? 'recordings/',
    forcePathStyle: pathStyle === 'on',
    ...(keyId && secret ? { credentials: { accessKeyId: keyId, secretAccessKey: secret } } : {}),
  };
}

export function recordingConfigFromEnv(reader: ReturnType<typeof envReader>, root: string): RecordingConfig {
  const { errors, read, int } = reader;
  const policy = (read('RECORDING') ?? 'on').toLowerCase();
  if (policy !== 'on' && policy !== 'off') errors.push(`RECORDING must be "on" or "off" (got "${policy}")`);
  return {
    enabled: policy !== 'off',
    dir: path.resolve(root, read('RECORDINGS_DIR') ?? 'recordings'),
    workers: int('RECORDING_WORKERS', 1, 1, 64),
    linkTtlSeconds: int('RECORDING_LINK_TTL_SECONDS', 3600, 60, 7 * 86400),
    s3: s3ConfigFromEnv(reader),
  };
}
