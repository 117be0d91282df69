/**
 * One heavy browser test at a time on this machine. Jest may run e2e files in parallel workers,
 * and several calls with 2–4 Chromium pages each on a small machine would starve each other and
 * turn timing assertions (1 s, 2 s) into noise. A directory is the lock (mkdir is atomic); it
 * names its holder's pid so a crashed holder does not block later runs.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pidAlive } from './netns';

const LOCK_DIR = join(tmpdir(), 'confer-e2e-run.lock');
let held = false;

function holder(): number | null {
  try {
    return Number(readFileSync(join(LOCK_DIR, 'pid'), 'utf8')) || null;
  } catch {
    return null;
  }
}


/**
 * Waits until this process holds the machine-wide e2e lock (at most `timeoutMs`). The default
 * outlasts the longest file (the SFU test holds it 4-8 minutes on a busy machine), so a run beside
 * another engineer's waits its turn instead of failing.
 */
export async function acquireRunLock(timeoutMs = 15 * 60_000): Promise<void> {
  if (held) return;
  const deadline = Date.now() + timeoutMs;
  let sinceNoHolder = 0;
  for (;;) {
    try {
      mkdirSync(LOCK_DIR);
      writeFileSync(join(LOCK_DIR, 'pid'), String(process.pid));
      held = true;
      process.once('exit', releaseRunLock);
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const pid = holder();
    if (pid !== null && !pidAlive(pid)) {
      rmSync(LOCK_DIR, { recursive: true, force: true });
      continue;
    }
    // A lock without a pid file for a while: its holder died between mkdir and writing the pid.
    if (pid === null) {
      sinceNoHolder = sinceNoHolder || Date.now();
      if (Date.now() - sinceNoHolder > 5000) rmSync(LOCK_DIR, { recursive: true, force: true });
    } else sinceNoHolder = 0;
    if (Date.now() > deadline) throw new Error(`another e2e run (pid ${pid}) held ${LOCK_DIR} for more than ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export function releaseRunLock(): void {
  if (!held) return;
  held = false;
  if (holder() === process.pid) rmSync(LOCK_DIR, { recursive: true, force: true });
}
