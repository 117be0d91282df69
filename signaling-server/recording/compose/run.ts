/** Runs a media tool at a lower CPU priority than calls (`nice`), collecting the end of its output for errors. */
import { spawn } from 'node:child_process';

export interface RunOptions {
  cwd?: string;
  /** Niceness added with `nice -n` (0: run as is). */
  nice?: number;
  /** Sees the tool's stderr as it comes (e.g. ffmpeg's `-benchmark` figures). */
  onStderr?: (text: string) => void;
}

/** Resolves with stdout; rejects with the tool's last stderr lines when it exits non-zero. */
export function run(cmd: string, args: string[], opts: RunOptions = {}): Promise<string> {
  const [bin, argv] = opts.nice ? ['nice', ['-n', String(opts.nice), cmd, ...args]] : [cmd, args];
  return new Promise((resolve, reject) => {
    const child = spawn(bin, argv, { cwd: opts.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      err = (err + d.toString()).slice(-4000);
      opts.onStderr?.(d.toString());
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(out);
      else reject(new Error(`${cmd} exited with ${code}: ${err.trim().split('\n').slice(-3).join(' | ')}`));
    });
  });
}
