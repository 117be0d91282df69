/**
 * E2E_LOG_DIR: when set, every process a test starts through the harness (signaling server, cheap
 * publishers) and every test page's console also go whole to a file there, not only the tail kept
 * for failure messages. For diagnosing long runs by hand, e.g. `E2E_LOG_DIR=/tmp/e2e-logs LOG_LEVEL=debug`.
 */
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';

/**
 * A file for `label`'s output in E2E_LOG_DIR (null when unset); the name carries the pid and the
 * time. `onEnd` is handed the file's end, to call when the output ends (the process exits, the page closes).
 */
export function logDirFile(label: string, pid: number | undefined, onEnd: (end: () => void) => void): WriteStream | null {
  const dir = process.env.E2E_LOG_DIR;
  if (!dir) return null;
  mkdirSync(dir, { recursive: true });
  const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${label.replace(/[^a-z0-9]+/gi, '-')}-${pid ?? 'nopid'}.log`;
  const file = createWriteStream(join(dir, name));
  file.on('error', () => undefined);
  onEnd(() => file.end());
  return file;
}
