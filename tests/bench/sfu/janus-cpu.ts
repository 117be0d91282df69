/**
 * The bundled Janus's CPU time, read from /proc only (never signalled): the `janus` process found
 * among the descendants of the app server (signaling-server/janus/process.ts starts it).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { cpuMsOf } from '../signaling/proc-stats';

function parentOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null; // gone meanwhile
  }
}

const commOf = (pid: number): string | null => {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return null;
  }
};

/** The pid of the `janus` process below `serverPid`; throws when there is none (Janus not bundled or not started). */
export function findJanusPid(serverPid: number): number {
  const parents = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const ppid = parentOf(Number(name));
    if (ppid !== null) parents.set(Number(name), ppid);
  }
  const below = (pid: number): boolean => {
    for (let p = parents.get(pid); p !== undefined && p > 1; p = parents.get(p)) if (p === serverPid) return true;
    return false;
  };
  const found = [...parents.keys()].filter((pid) => commOf(pid) === 'janus' && below(pid));
  if (found.length !== 1) throw new Error(`expected one janus process below the server (pid ${serverPid}), found ${found.length}`);
  return found[0];
}

/** Janus's CPU time so far (user + system), seconds. */
export const janusCpuSeconds = (pid: number): number => cpuMsOf(pid) / 1000;
