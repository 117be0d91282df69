/**
 * Network namespaces for end-to-end tests and benchmarks.
 *
 * WebRTC gathers no candidates on loopback alone, and tests may only send traffic to loopback
 * or to hosts they create. So each test file gets its own namespace `confer-e2e-<pid>-<n>`
 * with `lo` up and a veth pair whose BOTH ends live inside it (10.77.0.1/24, 10.77.0.2/24):
 * Chromium then gathers non-loopback host candidates that can only reach the namespace itself.
 */
import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess, SpawnOptions } from 'node:child_process';

export const NS_PREFIX = 'confer-e2e-';
export const HOST_A = '10.77.0.1';
export const HOST_B = '10.77.0.2';

const live = new Set<NetNamespace>();
let counter = 0;
let hooksInstalled = false;

function ip(args: string[]): string {
  return execFileSync('ip', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Whether a process exists (EPERM: it exists but is not ours). */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Names of all namespaces on this machine. */
export function listNamespaces(): string[] {
  let out = '';
  try {
    out = ip(['netns', 'list']);
  } catch {
    return [];
  }
  return out
    .split('\n')
    .map((l) => l.trim().split(/\s+/)[0])
    .filter((n): n is string => !!n);
}

/** Deletes `confer-e2e-<pid>-*` namespaces whose creating process is gone (left by a crashed run). */
export function cleanStaleNamespaces(): string[] {
  const removed: string[] = [];
  for (const name of listNamespaces()) {
    const m = /^confer-e2e-(\d+)-\d+$/.exec(name);
    if (!m) continue;
    const pid = Number(m[1]);
    if (pid === process.pid || pidAlive(pid)) continue;
    try {
      ip(['netns', 'del', name]);
      removed.push(name);
    } catch {
      // Another run may have removed it at the same moment.
    }
  }
  return removed;
}

function installExitHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  // Synchronous clean-up: 'exit' handlers cannot wait for promises.
  process.on('exit', () => {
    for (const ns of [...live]) ns.destroy();
  });
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(sig, () => {
      for (const ns of [...live]) ns.destroy();
      process.exit(130);
    });
  }
}

export class NetnsUnavailableError extends Error {
  constructor(detail: string) {
    super(
      'End-to-end tests need root and Linux network namespaces (`ip netns add`, veth pairs). ' +
        `They cannot run here: ${detail}`,
    );
    this.name = 'NetnsUnavailableError';
  }
}

/** One namespace created by this process. Every process spawned through it is tracked and ended on destroy(). */
export class NetNamespace {
  private readonly children = new Set<ChildProcess>();
  private destroyed = false;

  private constructor(readonly name: string) {}

  /**
   * Creates the namespace with lo up and the veth pair (10.77.0.1/24 <-> 10.77.0.2/24) inside it;
   * `veth: false` leaves only lo (for topologies that wire namespaces together themselves).
   */
  static create(opts: { veth?: boolean } = {}): NetNamespace {
    if (typeof process.getuid === 'function' && process.getuid() !== 0) {
      throw new NetnsUnavailableError(`the test process runs as uid ${process.getuid()}, not root`);
    }
    installExitHooks();
    cleanStaleNamespaces();
    const name = `${NS_PREFIX}${process.pid}-${counter++}`;
    try {
      ip(['netns', 'add', name]);
    } catch (e) {
      throw new NetnsUnavailableError(`\`ip netns add ${name}\` failed: ${errText(e)}`);
    }
    const ns = new NetNamespace(name);
    live.add(ns);
    try {
      ns.execSync(['ip', 'link', 'set', 'lo', 'up']);
      if (opts.veth === false) return ns;
      ns.execSync(['ip', 'link', 'add', 'veth-a', 'type', 'veth', 'peer', 'name', 'veth-b']);
      ns.execSync(['ip', 'addr', 'add', `${HOST_A}/24`, 'dev', 'veth-a']);
      ns.execSync(['ip', 'addr', 'add', `${HOST_B}/24`, 'dev', 'veth-b']);
      ns.execSync(['ip', 'link', 'set', 'veth-a', 'up']);
      ns.execSync(['ip', 'link', 'set', 'veth-b', 'up']);
    } catch (e) {
      ns.destroy();
      throw new NetnsUnavailableError(`setting up lo and the veth pair in ${name} failed: ${errText(e)}`);
    }
    return ns;
  }

  /** Runs a command inside the namespace and returns its stdout; throws with stderr on a non-zero exit. */
  execSync(cmd: string[], opts: { input?: string; timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): string {
    try {
      return execFileSync('ip', ['netns', 'exec', this.name, ...cmd], {
        encoding: 'utf8',
        input: opts.input,
        timeout: opts.timeoutMs ?? 30_000,
        env: opts.env ?? process.env,
        stdio: ['pipe', 'pipe', 'pipe'],
      });
    } catch (e) {
      throw new Error(`in ${this.name}: \`${cmd.join(' ')}\` failed: ${errText(e)}`);
    }
  }

  /** Runs a command inside the namespace asynchronously; resolves with stdout/stderr and exit code. */
  exec(cmd: string[], opts: { timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      const child = this.spawn(cmd, { env: opts.env ?? process.env });
      let stdout = '';
      let stderr = '';
      child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
      const timer = setTimeout(() => killTree(child), opts.timeoutMs ?? 30_000);
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code, stdout, stderr });
      });
    });
  }

  /**
   * Spawns a long-running process inside the namespace in its own process group, so that
   * stop()/destroy() can end it and everything it forked by group id.
   */
  spawn(cmd: string[], opts: SpawnOptions = {}): ChildProcess {
    if (this.destroyed) throw new Error(`namespace ${this.name} is already destroyed`);
    const child = spawn('ip', ['netns', 'exec', this.name, ...cmd], {
      stdio: ['ignore', 'pipe', 'pipe'],
      ...opts,
      detached: true,
    });
    this.children.add(child);
    child.on('exit', () => this.children.delete(child));
    return child;
  }

  /** Ends the processes spawned here (by process group), then deletes the namespace. Idempotent, synchronous. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    for (const child of this.children) killTree(child, 'SIGKILL');
    this.children.clear();
    // Anything still inside was started by this run (the namespace is ours and new): end it by pid.
    try {
      const pids = ip(['netns', 'pids', this.name])
        .split('\n')
        .map((s) => Number(s.trim()))
        .filter((n) => n > 0 && n !== process.pid);
      for (const pid of pids) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    } catch {
      // namespace may already be gone
    }
    try {
      ip(['netns', 'del', this.name]);
    } catch (e) {
      console.error(`could not delete namespace ${this.name}: ${errText(e)}`);
    }
    live.delete(this);
  }

  get isDestroyed(): boolean {
    return this.destroyed;
  }
}

/** Signals the process group of a child spawned with `detached: true`. */
export function killTree(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}

export function errText(e: unknown): string {
  if (e && typeof e === 'object') {
    const err = e as { stderr?: Buffer | string; message?: string };
    const stderr = err.stderr ? err.stderr.toString().trim() : '';
    return stderr || err.message || String(e);
  }
  return String(e);
}
