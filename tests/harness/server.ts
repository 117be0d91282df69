/**
 * Starts processes the tests talk to inside a test namespace: the product's signaling server
 * (which also serves the built renderer at /room/<name>) and a tiny static server for pages the
 * harness itself serves. Both listen inside the namespace only.
 */
import { execFileSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { logDirFile } from './log-dir';
import { killTree } from './netns';
import type { NetNamespace } from './netns';
import { waitFor } from './probes';

export const REPO_ROOT = resolve(__dirname, '..', '..');
export const SERVER_ENTRY = join(REPO_ROOT, 'dist', 'server', 'signaling-server', 'main.js');
export const RENDERER_INDEX = join(REPO_ROOT, 'dist', 'renderer', 'index.html');

/** A process running in a namespace with its recent output kept for failure reports. */
export class NsProcess {
  private readonly out: string[] = [];

  constructor(
    readonly child: ChildProcess,
    readonly port: number,
    readonly label: string,
  ) {
    const file = logDirFile(label, child.pid, (end) => child.once('exit', end));
    const keep = (d: Buffer) => {
      file?.write(d);
      this.out.push(d.toString());
      if (this.out.length > 400) this.out.splice(0, this.out.length - 400);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
  }

  /** Base URL as seen from inside the namespace (a secure context for getUserMedia). */
  get url(): string {
    return `http://localhost:${this.port}`;
  }

  /** The last lines the process printed. */
  log(maxChars = 4000): string {
    const all = this.out.join('');
    return all.length > maxChars ? '…' + all.slice(-maxChars) : all;
  }

  get exited(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }

  /** Ends the process group: SIGTERM, then SIGKILL after a grace period. */
  async stop(graceMs = 3000): Promise<void> {
    if (this.exited) return;
    const done = new Promise<void>((r) => this.child.once('exit', () => r()));
    killTree(this.child, 'SIGTERM');
    const timer = setTimeout(() => killTree(this.child, 'SIGKILL'), graceMs);
    await done;
    clearTimeout(timer);
  }
}

/** Spawns `cmd` in `ns` and waits (10 s) until it prints `word`; if it exits first, throws with its output. */
export async function startUntil(ns: NetNamespace, cmd: string[], label: string, word = 'ready'): Promise<NsProcess> {
  const proc = new NsProcess(ns.spawn(cmd), 0, label);
  await waitFor(`${label} ${word}`, async () => proc.log(), (l) => l.includes(word) || proc.exited, { timeoutMs: 10_000 });
  if (!proc.log().includes(word)) throw new Error(`${label} exited before it was ${word}: ${proc.log()}`);
  return proc;
}

function run(cmd: string, args: string[]): void {
  try {
    execFileSync(cmd, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', timeout: 300_000 });
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; message: string };
    throw new Error(
      `Building the product for the end-to-end tests failed (\`${cmd} ${args.join(' ')}\`):\n` +
        `${(err.stdout ?? '').slice(-3000)}\n${(err.stderr ?? '').slice(-3000) || err.message}`,
    );
  }
}

/**
 * Makes sure dist/ holds a build of the current sources: builds the renderer and the server
 * when an output is missing or older than its sources (scripts/build-if-needed.sh). CONFER_E2E_NO_BUILD=1 skips building
 * (then a missing output is an error).
 */
export function ensureBuilt(): void {
  if (process.env.CONFER_E2E_NO_BUILD === '1') {
    const missing = [SERVER_ENTRY, RENDERER_INDEX].filter((f) => !existsSync(f));
    if (missing.length) {
      throw new Error(`CONFER_E2E_NO_BUILD=1 but the build is missing: ${missing.join(', ')}. Run \`npm run build\`.`);
    }
    return;
  }
  // The same staleness rule as `npm start` and `npm test`: one script decides.
  run('bash', ['scripts/build-if-needed.sh']);
  for (const f of [SERVER_ENTRY, RENDERER_INDEX]) {
    if (!existsSync(f)) throw new Error(`The build finished but ${f} does not exist.`);
  }
}

/** A TCP port that is free inside the namespace (asked from inside it). */
export async function freePort(ns: NetNamespace): Promise<number> {
  const js = "const s=require('net').createServer().listen(0,'0.0.0.0',()=>{console.log(s.address().port);s.close()})";
  const r = await ns.exec([process.execPath, '-e', js], { timeoutMs: 10_000 });
  const port = Number(r.stdout.trim());
  if (!Number.isInteger(port) || port <= 0) throw new Error(`could not find a free port in ${ns.name}: ${r.stderr}`);
  return port;
}

/** One HTTP GET from inside the namespace; resolves with the status code (0 when unreachable). */
export async function httpStatusInNs(ns: NetNamespace, url: string): Promise<number> {
  const js =
    "require('http').get(process.argv[1],r=>{console.log(r.statusCode);r.resume();r.on('end',()=>process.exit(0))})" +
    ".on('error',()=>{console.log(0);process.exit(0)}).setTimeout(2000,function(){this.destroy()})";
  const r = await ns.exec([process.execPath, '-e', js, url], { timeoutMs: 5_000 });
  return Number(r.stdout.trim()) || 0;
}

async function waitHealthy(ns: NetNamespace, proc: NsProcess, path: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 0;
  while (Date.now() < deadline) {
    if (proc.exited) {
      throw new Error(`${proc.label} exited (code ${proc.child.exitCode}, signal ${proc.child.signalCode}) before it was healthy:\n${proc.log()}`);
    }
    last = await httpStatusInNs(ns, `http://127.0.0.1:${proc.port}${path}`);
    if (last === 200) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${proc.label} not healthy within ${timeoutMs} ms (GET ${path} -> ${last || 'unreachable'}):\n${proc.log()}`);
}

export interface AppServerOptions {
  env?: Record<string, string>;
  timeoutMs?: number;
  /**
   * The server's niceness, and its bundled Janus's (a child inherits it; default: this process's).
   * In a real call the server and Janus run on a machine of their own; here they share the cores
   * with every page of the test. Chromium sets its own processes' priorities (renderers 0, the
   * browser -8), so a bench gives the server side its own machine's share with a negative value.
   */
  nice?: number;
}

/** Builds if needed, then starts the signaling server (which serves the UI) inside the namespace and waits for /healthz. */
export async function startAppServer(ns: NetNamespace, opts: AppServerOptions = {}): Promise<NsProcess> {
  ensureBuilt();
  const port = await freePort(ns);
  const nice = opts.nice === undefined ? [] : ['nice', '-n', String(opts.nice)];
  const child = ns.spawn([...nice, process.execPath, SERVER_ENTRY], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      ...isolatedServerEnv(),
      PORT: String(port),
      HOST: '0.0.0.0',
      ...opts.env,
    },
  });
  const proc = new NsProcess(child, port, 'signaling server');
  try {
    await waitHealthy(ns, proc, '/healthz', opts.timeoutMs ?? 20_000);
  } catch (e) {
    await proc.stop();
    throw e;
  }
  return proc;
}

/**
 * Starts the harness's static server on 127.0.0.1 inside the namespace. `mounts` maps URL paths
 * to absolute file paths outside `dir` (e.g. the page probes).
 */
export async function startStaticServer(ns: NetNamespace, dir: string, mounts: Record<string, string> = {}): Promise<NsProcess> {
  const child = ns.spawn([process.execPath, join(__dirname, 'static-server.mjs'), dir, '0'], {
    env: { ...process.env, STATIC_MOUNTS: JSON.stringify(mounts) },
  });
  const port = await new Promise<number>((resolvePort, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error(`static server did not start: ${buf}`)), 10_000);
    const onData = (d: Buffer) => {
      buf += d.toString();
      const m = /listening (\d+)/.exec(buf);
      if (m) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        resolvePort(Number(m[1]));
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (d: Buffer) => (buf += d.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`static server exited with ${code}: ${buf}`));
    });
  });
  return new NsProcess(child, port, 'static server');
}

/**
 * What every test server runs with, whatever the caller's environment: a fresh JWT secret, and no
 * STUN/TURN servers, bundled coturn or Janus unless a test asks (tests reach nothing outside their
 * namespace; TURN_URLS empty alone would start the bundled coturn; SFU tests pass JANUS_BUNDLED=on).
 */
export function isolatedServerEnv(): Record<string, string> {
  return {
    NODE_ENV: 'test',
    JWT_SECRET: randomBytes(32).toString('hex'),
    STUN_URLS: '',
    TURN_URLS: '',
    TURN_SECRET: '',
    TURN_BUNDLED: 'off',
    JANUS_BUNDLED: 'off',
    JANUS_URL: '',
    ALLOWED_ORIGINS: '',
  };
}
