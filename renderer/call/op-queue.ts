/**
 * Runs async operations one at a time, in order. A failed operation rejects its own
 * promise but does not stop the queue (the next operation still runs).
 */
export class OpQueue {
  private tail: Promise<unknown> = Promise.resolve();

  /** Queue `op`; settles with its result once every earlier op has settled. */
  push<T>(op: () => Promise<T> | T): Promise<T> {
    const run = this.tail.then(() => op());
    this.tail = run.catch(() => undefined);
    return run;
  }
}
