/**
 * A child process the server started (Janus, coturn): its recent output in a ring buffer, its
 * exit as a promise and an `exit` event, and stopping by pid with a scratch folder removed.
 */
import type { ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { rmSync } from 'node:fs';

const MAX_LINES = 1000;

export class ManagedChild extends EventEmitter {
  private readonly lines: string[] = [];
  private readonly exitPromise: Promise<void>;
  private stopping = false;

  /**
   * @param dir scratch folder removed on stop/kill (rendered configuration, logs)
   * @param onData sees every raw chunk (e.g. to copy it to a log file); `onLine` every whole line
   */
  constructor(
    protected readonly child: ChildProcess,
    readonly dir: string,
    opts: { onLine?: (line: string) => void; onData?: (chunk: Buffer) => void; onExit?: () => void } = {},
  ) {
    super();
    let partial = '';
    const take = (d: Buffer) => {
      opts.onData?.(d);
      const parts = (partial + d.toString()).split('\n');
      partial = parts.pop() ?? '';
      for (const line of parts) {
        this.lines.push(line);
        if (this.lines.length > MAX_LINES) this.lines.shift();
        opts.onLine?.(line);
      }
    };
    child.stdout?.on('data', take);
    child.stderr?.on('data', take);
    this.exitPromise = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        opts.onExit?.();
        this.emit('exit', code, signal);
        resolve();
      }),
    );
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get exited(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }

  /** True once stop() or kill() was called: an exit after that is not a crash. */
  get stopRequested(): boolean {
    return this.stopping;
  }

  /** The last `max` lines the process printed. */
  log(max = 200): string {
    return this.lines.slice(-max).join('\n');
  }

  /** Resolves when the process has exited. */
  waitExit(): Promise<void> {
    return this.exitPromise;
  }

  /** Synchronous SIGKILL by pid, for process 'exit' handlers that cannot wait. */
  kill(): void {
    this.stopping = true;
    if (!this.exited) this.child.kill('SIGKILL');
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** SIGTERM by pid, SIGKILL after `graceMs`; removes the scratch folder. */
  async stop(graceMs = 3000): Promise<void> {
    this.stopping = true;
    if (!this.exited && this.child.pid !== undefined) {
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
      await this.exitPromise;
      clearTimeout(timer);
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
