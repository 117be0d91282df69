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
}

export function recordingConfigFromEnv({ errors, read, int }: ReturnType<typeof envReader>, root: string): RecordingConfig {
  const policy = (read('RECORDING') ?? 'on').toLowerCase();
  if (policy !== 'on' && policy !== 'off') errors.push(`RECORDING must be "on" or "off" (got "${policy}")`);
  return {
    enabled: policy !== 'off',
    dir: path.resolve(root, read('RECORDINGS_DIR') ?? 'recordings'),
    workers: int('RECORDING_WORKERS', 1, 1, 64),
    linkTtlSeconds: int('RECORDING_LINK_TTL_SECONDS', 3600, 60, 7 * 86400),
  };
}
