/**
 * CPU time of the Chromium processes this bench started, read from /proc/<pid>/stat (utime +
 * stime, in clock ticks) of every descendant of this Node process, grouped by Chromium's
 * --type= (renderer, gpu-process, ...; the browser process itself has none).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_S = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

interface ProcStat {
  ppid: number;
  ticks: number;
}

function readStat(pid: number): ProcStat | null {
  try {
    const raw = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which may itself hold spaces and parentheses.
    const f = raw.slice(raw.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) };
  } catch {
    return null; // gone meanwhile
  }
}

function chromiumType(pid: number): string | null {
  try {
    // Split on spaces too: Chromium's child processes rewrite their title into one space-joined string.
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split(/[\0 ]/);
    if (!args.some((a) => /chrom/i.test(a))) return null;
    return args.find((a) => a.startsWith('--type='))?.slice(7) ?? 'browser';
  } catch {
    return null;
  }
}

/** Clock ticks used so far by each Chromium process below this one, keyed by pid. */
function snapshot(): Map<number, { type: string; ticks: number }> {
  const stats = new Map<number, ProcStat>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const s = readStat(Number(name));
    if (s) stats.set(Number(name), s);
  }
  const mine = new Set([process.pid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, s] of stats) {
      if (mine.has(pid) || !mine.has(s.ppid)) continue;
      mine.add(pid);
      grew = true;
    }
  }
  const out = new Map<number, { type: string; ticks: number }>();
  for (const pid of mine) {
    const type = pid === process.pid ? null : chromiumType(pid);
    if (type) out.set(pid, { type, ticks: stats.get(pid)!.ticks });
  }
  return out;
}

/** CPU used per process type over `windowMs`, as a share of one core (1 = one core busy). */
export async function chromiumCpu(windowMs: number): Promise<Record<string, number>> {
  const before = snapshot();
  const t0 = process.hrtime.bigint();
  await new Promise((r) => setTimeout(r, windowMs));
  const after = snapshot();
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const byType: Record<string, number> = {};
  for (const [pid, a] of after) {
    const used = (a.ticks - (before.get(pid)?.ticks ?? a.ticks)) / TICKS_PER_S;
    byType[a.type] = (byType[a.type] ?? 0) + used / seconds;
  }
  return byType;
}
