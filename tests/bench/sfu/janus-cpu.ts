/**
 * The bundled Janus's CPU time, read from /proc only (never signalled): the `janus` process found
 * among the descendants of the app server (signaling-server/janus/process.ts starts it).
 */
import { commOf, cpuMsOf, descendantsOf } from '../signaling/proc-stats';

/** The pid of the `janus` process below `serverPid`; throws when there is none (Janus not bundled or not started). */
export function findJanusPid(serverPid: number): number {
  const found = descendantsOf(serverPid).filter((pid) => commOf(pid) === 'janus');
  if (found.length !== 1) throw new Error(`expected one janus process below the server (pid ${serverPid}), found ${found.length}`);
  return found[0];
}

/** Janus's CPU time so far (user + system), seconds. */
export const janusCpuSeconds = (pid: number): number => cpuMsOf(pid) / 1000;
