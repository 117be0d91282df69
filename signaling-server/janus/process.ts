/**
 * Starts and stops the bundled Janus (Debian `janus`) with the repository's own rendered
 * configuration in a fresh private temp folder: never /etc/janus, never a stock secret. Its output
 * goes to a ring buffer and a log file; it is stopped by its pid only.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ManagedChild } from '../process/managed-child';
import { JanusClient } from './client';
import type { JanusSettings } from '../config';
import { findJanusModulesDir, writeJanusSetup } from './config';

export interface JanusProcessOptions {
  settings: JanusSettings;
  /** Default `janus` from PATH. */
  binary?: string;
  /** Folder with Janus's plugins/ and transports/; default: found with findJanusModulesDir(). */
  modulesDir?: string;
  /** Command prefix, e.g. `ip netns exec <ns>` (it must exec, keeping the pid). */
  wrap?: string[];
  /** How long Janus may take to answer on its WebSocket; default 10 s. */
  timeoutMs?: number;
  /** Where to write the log; default `janus.log` in the temp folder (removed by stop()). */
  logFile?: string;
  /** Every line Janus prints, as it prints it. */
  onLine?: (line: string) => void;
  /** Whether it is up; default: it answers a ping on its WebSocket (from this process). */
  ready?: () => Promise<boolean>;
}

/** The message a missing binary produces, for the server's log and the tests. */
export const JANUS_MISSING = 'Janus (Debian package "janus") is not installed: scripts/setup-system.sh installs it';

/** True when the janus binary can be run here. */
export function janusInstalled(binary = 'janus'): boolean {
  const r = spawnSync(binary, ['--help'], { stdio: 'ignore', timeout: 5000 });
  return !(r.error && (r.error as NodeJS.ErrnoException).code === 'ENOENT');
}

/** `ws://host:port` for an address (IPv6 in brackets; a wildcard becomes loopback). */
export function wsUrl(ip: string, port: number): string {
  const host = ip === '0.0.0.0' ? '127.0.0.1' : ip === '::' ? '::1' : ip;
  return `ws://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** A running Janus. Emits `exit` (code, signal) once when the process ends, whoever ended it. */
export class JanusProcess extends ManagedChild {
  constructor(
    child: ChildProcess,
    dir: string,
    readonly configPath: string,
    readonly logFile: string,
    readonly settings: JanusSettings,
    onLine?: (line: string) => void,
  ) {
    const logStream = createWriteStream(logFile, { flags: 'a', mode: 0o600 });
    logStream.on('error', () => undefined);
    super(child, dir, { onLine, onData: (d) => logStream.write(d), onExit: () => logStream.end() });
  }

  /** The Janus API WebSocket URL. */
  get url(): string {
    return wsUrl(this.settings.wsIp, this.settings.wsPort);
  }

  /** The Admin API WebSocket URL (loopback only), or undefined when the admin API is off. */
  get adminUrl(): string | undefined {
    return this.settings.adminPort === undefined ? undefined : wsUrl('127.0.0.1', this.settings.adminPort);
  }
}

/** Renders the configuration into a fresh temp folder, starts Janus, and waits until its WebSocket answers `ping`. */
export async function startJanus(opts: JanusProcessOptions): Promise<JanusProcess> {
  const binary = opts.binary ?? 'janus';
  if (!janusInstalled(binary)) throw new Error(JANUS_MISSING);
  const modulesDir = opts.modulesDir ?? findJanusModulesDir();
  if (!modulesDir) throw new Error('Janus is installed but its VideoRoom plugin (libjanus_videoroom.so) was not found; set JANUS_MODULES_DIR');
  const dir = mkdtempSync(path.join(tmpdir(), 'confer-janus-'));
  let configPath: string;
  try {
    ({ configPath } = writeJanusSetup(dir, opts.settings, modulesDir));
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  const args = [`--config=${configPath}`, `--configs-folder=${path.dirname(configPath)}`, '--disable-colors'];
  const cmd = [...(opts.wrap ?? []), binary, ...args];
  // cwd: Janus writes nothing there with this configuration, but keep it out of the repository anyway.
  const child = spawn(cmd[0], cmd.slice(1), { stdio: ['ignore', 'pipe', 'pipe'], cwd: dir });
  const proc = new JanusProcess(child, dir, configPath, opts.logFile ?? path.join(dir, 'janus.log'), opts.settings, opts.onLine);
  let spawnError: Error | undefined;
  child.once('error', (err) => (spawnError = err));
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (spawnError || proc.exited) {
      await proc.stop();
      throw new Error(`Janus did not start (${spawnError?.message ?? `exit code ${child.exitCode}`}):\n${proc.log(40)}`);
    }
    try {
      if (opts.ready) {
        if (await opts.ready()) return proc;
      } else {
        const client = await JanusClient.connect(proc.url, { connectTimeoutMs: 1000 });
        try {
          await client.ping(1000);
          return proc;
        } finally {
          await client.close();
        }
      }
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await proc.stop();
      throw new Error(`Janus did not answer on ${proc.url} within ${timeoutMs} ms:\n${proc.log(40)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
