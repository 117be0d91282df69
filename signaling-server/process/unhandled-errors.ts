/**
 * Process-level handlers that count errors nothing else handled (confer_unhandled_errors_total
 * in /metrics), so a monitor or a test sees them without reading the log.
 */
import type { EventEmitter } from 'node:events';
import { unhandledErrors } from '../metrics/unhandled-errors';

/** The part of `process` the handlers need; tests pass an EventEmitter. */
type ProcessEvents = Pick<EventEmitter, 'on'>;

const installed = new WeakSet<ProcessEvents>();

/**
 * Counts and logs unhandled rejections, and keeps serving: one stray rejection in one room's
 * handler should not end every call on the node (Node's default would exit). Exceptions are
 * counted through the monitor event, which leaves Node's default in place: after a synchronous
 * throw out of a callback the process state is unknown, so it still exits and is restarted.
 * Installing twice on one process is a no-op.
 */
export function countUnhandledErrors(proc: ProcessEvents = process, log: (msg: string) => void = console.error): void {
  if (installed.has(proc)) return;
  installed.add(proc);
  proc.on('unhandledRejection', (reason: unknown) => {
    unhandledErrors.inc({ kind: 'rejection' });
    log(`unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`);
  });
  proc.on('uncaughtExceptionMonitor', () => unhandledErrors.inc({ kind: 'exception' }));
}
