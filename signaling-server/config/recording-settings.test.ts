import { loadConfig } from './server-config';

const base = { JWT_SECRET: 'x'.repeat(32) };

describe('recording settings', () => {
  it('defaults: on, a local folder, one worker, no S3', () => {
    const { recording } = loadConfig(base);
    expect(recording).toMatchObject({ enabled: true, workers: 1, linkTtlSeconds: 3600 });
    expect(recording.dir).toMatch(/\/recordings$/);
    expect(recording.s3).toBeUndefined();
  });

  it('reads the policy and an S3-compatible store', () => {
    const { recording } = loadConfig({
      ...base,
      RECORDING: 'off',
      RECORDINGS_DIR: '/var/rec',
      RECORDING_WORKERS: '2',
      S3_BUCKET: 'b',
      S3_ENDPOINT: 'http://minio:9000',
      S3_ACCESS_KEY_ID: 'k',
      S3_SECRET_ACCESS_KEY: 's',
    });
    expect(recording).toMatchObject({ enabled: false, dir: '/var/rec', workers: 2 });
    expect(recording.s3).toEqual({
      bucket: 'b',
      endpoint: 'http://minio:9000',
      region: 'us-east-1',
      prefix: 'recordings/',
      forcePathStyle: true,
      credentials: { accessKeyId: 'k', secretAccessKey: 's' },
    });
  });

  it('names every bad value at once', () => {
    const bad = () => loadConfig({ ...base, RECORDING: 'maybe', RECORDING_WORKERS: '0', S3_ENDPOINT: 'http://x', S3_ACCESS_KEY_ID: 'k' });
    expect(bad).toThrow(/RECORDING must be "on" or "off"/);
    expect(bad).toThrow(/RECORDING_WORKERS must be an integer from 1 to 64/);
    expect(bad).toThrow(/S3_ENDPOINT and S3 credentials need S3_BUCKET/);
    expect(() => loadConfig({ ...base, S3_BUCKET: 'b', S3_ENDPOINT: 'ftp://x' })).toThrow(/S3_ENDPOINT must be an http\(s\) URL/);
    expect(() => loadConfig({ ...base, S3_BUCKET: 'b', S3_ACCESS_KEY_ID: 'k' })).toThrow(/S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together/);
  });
});
