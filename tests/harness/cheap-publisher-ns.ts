/**
 * Cheap publishers and Janus's own view from an e2e test, whose server lives in a test namespace
 * the test process is outside of: both run in a child process inside it (./cheap-publisher-cli.ts
 * under tsx), spoken to over its stdin and stdout.
 */
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { CheapPublisherOptions, CheapPublisherStats } from './cheap-publisher';
import type { JanusView, JanusViewOptions } from './cheap-publisher-janus';
import { logDirFile } from './log-dir';
import { killTree, type NetNamespace } from './netns';
import { REPO_ROOT } from './server';

const CLI = join(__dirname, 'cheap-publisher-cli.ts');

export interface CheapStatsLine {
  /** Since the previous stats line (or the start): wall time and this process's CPU time. */
  wallMs: number;
  cpuMs: number;
  rssMb: number;
  publishers: CheapPublisherStats[];
}

export interface NsCheapPublishers {
  /** The meeting they are in (made by them when none was given). */
  room: string;
  pid: number;
  stats(): Promise<CheapStatsLine>;
  /** Their log (stderr) and any line that was not JSON, for failure messages. */
  log(maxChars?: number): string;
  close(): Promise<void>;
}

type Line = { event: string } & Record<string, unknown>;

function cliCommand(mode: string, opts: unknown): string[] {
  // CHEAP_CPU_PROF=<dir>: the publishers' process writes a V8 CPU profile there when it closes (by hand, to see where their CPU goes).
  const prof = mode === 'publish' && process.env.CHEAP_CPU_PROF ? ['--cpu-prof', '--cpu-prof-interval=10000', `--cpu-prof-dir=${process.env.CHEAP_CPU_PROF}`] : [];
  return [process.execPath, ...prof, '--import', 'tsx', CLI, mode, JSON.stringify(opts)];
}

/**
 * Starts `count` cheap publishers inside `ns` (`room` absent: they make a new meeting, waiting
 * room off). Resolves once every one has joined.
 */
export async function startCheapPublishersInNs(
  ns: NetNamespace,
  opts: Omit<CheapPublisherOptions, 'room' | 'log'> & { room?: string; verbose?: boolean },
  timeoutMs = 120_000,
): Promise<NsCheapPublishers> {
  const child: ChildProcess = ns.spawn(cliCommand('publish', opts), { cwd: REPO_ROOT, env: process.env, stdio: ['pipe', 'pipe', 'pipe'] });
  // The namespace may end it first (a test's teardown): writing to it then is no error.
  child.stdin?.on('error', () => undefined);
  const logLines: string[] = [];
  const file = logDirFile('cheap publishers', child.pid, (end) => child.once('exit', end));
  child.stderr?.on('data', (d: Buffer) => {
    file?.write(d);
    logLines.push(d.toString());
    if (logLines.length > 500) logLines.splice(0, logLines.length - 500);
  });
  const log = (maxChars = 6000) => {
    const all = logLines.join('');
    return all.length > maxChars ? '…' + all.slice(-maxChars) : all;
  };
  const waiters: ((l: Line) => boolean)[] = [];
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (text) => {
    let l: Line;
    try {
      l = JSON.parse(text) as Line;
    } catch {
      logLines.push(`${text}\n`);
      return;
    }
    const i = waiters.findIndex((w) => w(l));
    if (i >= 0) waiters.splice(i, 1);
  });
  const next = (event: string, ms: number) =>
    new Promise<Line>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`cheap publishers: no '${event}' within ${ms} ms\n${log()}`)), ms);
      const onExit = (code: number | null) => {
        clearTimeout(timer);
        reject(new Error(`cheap publishers exited (${code}) before '${event}'\n${log()}`));
      };
      child.once('exit', onExit);
      waiters.push((l) => {
        if (l.event === 'error') {
          clearTimeout(timer);
          child.off('exit', onExit);
          reject(new Error(`cheap publishers failed: ${String(l.message)}\n${log()}`));
          return true;
        }
        if (l.event !== event) return false;
        clearTimeout(timer);
        child.off('exit', onExit);
        resolve(l);
        return true;
      });
    });
  try {
    const meeting = await next('meeting', 30_000);
    await next('started', timeoutMs);
    return {
      room: String(meeting.room),
      pid: child.pid as number,
      log,
      stats: async () => {
        const answer = next('stats', 20_000);
        child.stdin?.write('stats\n');
        return (await answer) as unknown as CheapStatsLine;
      },
      close: async () => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        const exited = new Promise<void>((r) => child.once('exit', () => r()));
        child.stdin?.write('close\n', () => undefined);
        // Writing a CPU profile (CHEAP_CPU_PROF) takes a while.
        const timer = setTimeout(() => killTree(child, 'SIGKILL'), process.env.CHEAP_CPU_PROF ? 60_000 : 8000);
        await exited;
        clearTimeout(timer);
      },
    };
  } catch (e) {
    killTree(child, 'SIGKILL');
    throw e;
  }
}

/** Janus's own view of its VideoRooms and publishers, asked from inside `ns`. */
export async function janusViewInNs(ns: NetNamespace, opts: JanusViewOptions): Promise<JanusView> {
  const r = await ns.exec(cliCommand('janus', opts), { timeoutMs: 30_000 });
  const line = r.stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Line)
    .find((l) => l.event === 'janus' || l.event === 'error');
  if (!line || line.event !== 'janus') throw new Error(`janus view failed (${r.code}): ${line ? String(line.message) : r.stdout}\n${r.stderr}`);
  return line.view as JanusView;
}
