/**
 * Runs a system program (no shell) with a timeout, for the policy readers. Failures are turned into
 * one ExecFailure shape, so the readers — and their tests, which throw it from fakes — need not
 * know how Node's execFile reports them.
 */
import { execFile } from 'node:child_process';

export class ExecFailure extends Error {
  constructor(
    readonly program: string,
    /** The exit code; null when the program did not exit on its own or did not start. */
    readonly exitCode: number | null,
    readonly reason: 'exit' | 'timeout' | 'not-found' | 'other',
    readonly stderr: string,
    detail: string,
  ) {
    super(`${program} ${detail}`);
  }
}

/** Runs `program` and resolves its stdout; rejects with an ExecFailure. */
export type Exec = (program: string, args: readonly string[], options: { readonly timeoutMs: number; readonly env?: NodeJS.ProcessEnv }) => Promise<string>;

type NodeExecError = Error & { code?: unknown; killed?: boolean; signal?: NodeJS.Signals | null };

function failure(program: string, timeoutMs: number, error: NodeExecError, stderr: string): ExecFailure {
  const firstLine = stderr.trim().split(/\r?\n/)[0] ?? '';
  if (error.code === 'ENOENT') return new ExecFailure(program, null, 'not-found', stderr, 'was not found');
  if (typeof error.code === 'number') return new ExecFailure(program, error.code, 'exit', stderr, `exited with code ${error.code}${firstLine ? `: ${firstLine}` : ''}`);
  if (error.killed) return new ExecFailure(program, null, 'timeout', stderr, `gave no answer within ${timeoutMs} ms`);
  return new ExecFailure(program, null, 'other', stderr, `failed: ${error.message}`);
}

/** The real Exec: Node's execFile, without a console window on Windows. */
export const nodeExec: Exec = (program, args, options) =>
  new Promise((resolve, reject) => {
    execFile(
      program,
      [...args],
      { timeout: options.timeoutMs, env: options.env, windowsHide: true, encoding: 'utf8', maxBuffer: 1024 * 1024 },
      (error, stdout, stderr) => (error ? reject(failure(program, options.timeoutMs, error as NodeExecError, String(stderr))) : resolve(String(stdout))),
    );
  });
