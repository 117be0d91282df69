/**
 * Starts and stops the bundled coturn (Debian `turnserver`) with the repository's own rendered
 * configuration: never /etc/turnserver.conf, never a stock secret. Stopped by its pid only.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ManagedChild } from '../process/managed-child';
import type { CoturnSettings } from '../config';
import { renderTurnserverConf, TURNSERVER_TEMPLATE } from './coturn-config';
import { stunPing } from './stun-ping';

export interface CoturnOptions {
  settings: CoturnSettings;
  /** Default `turnserver` from PATH. */
  binary?: string;
  /** Command prefix, e.g. `ip netns exec <ns>` to start it inside a test namespace (it must exec, keeping the pid). */
  wrap?: string[];
  /** Readiness check; default: a STUN Binding to the first listening address (127.0.0.1 when listening on all). */
  ready?: () => Promise<boolean>;
  timeoutMs?: number;
  /** Every line coturn prints, as it prints it. */
  onLine?: (line: string) => void;
}

/** True when the coturn binary can be run here. */
export function coturnInstalled(binary = 'turnserver'): boolean {
  // `turnserver -h` exits non-zero but proves the binary exists; ENOENT is the only "missing".
  const r = spawnSync(binary, ['-h'], { stdio: 'ignore', timeout: 5000 });
  return !(r.error && (r.error as NodeJS.ErrnoException).code === 'ENOENT');
}

/** A running coturn; `log()` holds its recent output for diagnostics. */
export class CoturnProcess extends ManagedChild {
  constructor(
    child: ChildProcess,
    readonly configPath: string,
    dir: string,
    onLine?: (line: string) => void,
  ) {
    super(child, dir, { onLine });
  }
}

/** Renders the configuration into a fresh temp directory, starts coturn, and waits until it answers STUN. */
export async function startCoturn(opts: CoturnOptions): Promise<CoturnProcess> {
  const dir = mkdtempSync(path.join(tmpdir(), 'confer-coturn-'));
  const configPath = path.join(dir, 'turnserver.conf');
  const text = renderTurnserverConf(readFileSync(TURNSERVER_TEMPLATE, 'utf8'), opts.settings, {
    userdb: path.join(dir, 'turndb'),
    pidfile: path.join(dir, 'turnserver.pid'),
  });
  // The file holds the shared secret: owner-only.
  writeFileSync(configPath, text, { mode: 0o600 });
  const cmd = [...(opts.wrap ?? []), opts.binary ?? 'turnserver', '-c', configPath];
  const child = spawn(cmd[0], cmd.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] });
  const proc = new CoturnProcess(child, configPath, dir, opts.onLine);
  const spawnError = new Promise<Error>((resolve) => child.once('error', resolve));
  const host = opts.settings.listeningIps[0] ?? '127.0.0.1';
  const ready = opts.ready ?? (() => stunPing(host, opts.settings.port, 500));
  const deadline = Date.now() + (opts.timeoutMs ?? 10_000);
  for (;;) {
    const failed = await Promise.race([spawnError, Promise.resolve(null)]);
    if (failed || proc.exited) {
      await proc.stop();
      throw new Error(`coturn did not start (${failed?.message ?? `exit code ${child.exitCode}`}):\n${proc.log(40)}`);
    }
    if (await ready().catch(() => false)) return proc;
    if (Date.now() > deadline) {
      await proc.stop();
      throw new Error(`coturn did not answer STUN on ${host}:${opts.settings.port} within ${opts.timeoutMs ?? 10_000} ms:\n${proc.log(40)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
