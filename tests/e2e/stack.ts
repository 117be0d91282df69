/**
 * The per-file test stack: one namespace, the product's server and one Chromium inside it, set
 * up in beforeAll and always torn down in afterAll (the namespace also on process exit).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { NetNamespace } from '../harness/netns';
import { REPO_ROOT, startAppServer } from '../harness/server';
import type { NsProcess } from '../harness/server';
import { launchBrowser, newTestPage } from '../harness/browser';
import type { BrowserOptions } from '../harness/browser';
import { CallUser } from '../harness/ui';
import { acquireRunLock, releaseRunLock } from '../harness/run-lock';

export interface Stack {
  ns: NetNamespace;
  app: NsProcess;
  browser: Browser;
  users: CallUser[];
  /** A new participant: own browser context and page with the probes. */
  user(name: string): Promise<CallUser>;
  /** New participants named `names`, each entering `room` in turn (a failure says who). */
  enter(room: string, names: string[]): Promise<CallUser[]>;
  /** Runs `fn`; on failure rethrows with the pages' errors, the server's log and a screenshot path. */
  diagnose<T>(what: string, fn: () => Promise<T>): Promise<T>;
}

/** Processes a test starts in the namespace before the server (e.g. a Janus pool), and the server environment they need. */
export type StackServices = (ns: NetNamespace) => Promise<{ env: Record<string, string>; stop(): Promise<void> }>;

/**
 * `env`: extra server environment (e.g. the SFU tests' JANUS_BUNDLED=on); `browser`: Chromium options;
 * `decodeProbe`: see newTestPage; `services`: started first, stopped after the server.
 */
export function useStack(opts: { env?: Record<string, string>; browser?: BrowserOptions; decodeProbe?: boolean; services?: StackServices } = {}): Stack {
  const stack = { users: [] as CallUser[] } as unknown as Stack;
  let services: Awaited<ReturnType<StackServices>> | undefined;
  beforeAll(async () => {
    await acquireRunLock();
    stack.ns = NetNamespace.create();
    try {
      services = await opts.services?.(stack.ns);
      stack.app = await startAppServer(stack.ns, { env: { ...opts.env, ...services?.env } });
      stack.browser = await launchBrowser(stack.ns, opts.browser);
    } catch (e) {
      await services?.stop().catch(() => undefined);
      stack.ns.destroy();
      throw e;
    }
  }, 20 * 60_000);

  afterAll(async () => {
    await Promise.all(stack.users.map((u) => u.close()));
    await stack.browser?.close().catch(() => undefined);
    await stack.app?.stop();
    await services?.stop().catch(() => undefined);
    stack.ns?.destroy();
    releaseRunLock();
  }, 30_000);

  stack.user = async (name: string) => {
    const u = new CallUser(await newTestPage(stack.browser, name, stack.app.url, { decodeProbe: opts.decodeProbe }), name);
    stack.users.push(u);
    return u;
  };

  stack.enter = async (room: string, names: string[]) => {
    const out: CallUser[] = [];
    for (const name of names) {
      const u = await stack.user(name);
      await stack.diagnose(`${name} joins`, () => u.enter(stack.app.url, room, 60_000));
      out.push(u);
    }
    return out;
  };

  stack.diagnose = async <T>(what: string, fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (e) {
      const dir = join(REPO_ROOT, '.tmp', 'e2e');
      mkdirSync(dir, { recursive: true });
      const shots: string[] = [];
      for (const u of stack.users) {
        if (u.page.isClosed()) continue;
        const file = join(dir, `${what.replace(/[^a-z0-9]+/gi, '-')}-${u.name}.png`);
        await u.page.screenshot({ path: file, timeout: 5000 }).then(
          () => shots.push(file),
          () => undefined,
        );
      }
      const err = e as Error;
      err.message =
        `${what}: ${err.message}\n\n${stack.users.map((u) => u.tp.diagnostics()).join('\n')}` +
        `\n\nserver log (tail):\n${stack.app.log(2500)}` +
        (shots.length ? `\n\nscreenshots: ${shots.join(', ')}` : '');
      throw err;
    }
  };
  return stack;
}
