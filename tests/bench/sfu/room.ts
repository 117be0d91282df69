/**
 * One call room of the SFU bench: participants join through the lobby and leave with the Leave
 * button, and the room's topology is read from every page's getStats() (mesh = media only on
 * peer-to-peer connections, a warm SFU path idle; SFU = one publisher and one subscriber
 * connection, both to Janus).
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { TestPage } from '../../harness/browser';
import { remoteTiles, sampleFlow, waitFor } from '../../harness/probes';
import { CallUser, uniqueRoom } from '../../harness/ui';
import { meshOnly, sfuStats, toJanus } from '../../e2e/sfu-probes';
import type { SfuPcStats } from '../../e2e/sfu-probes';

export type Mode = 'mesh' | 'sfu';

const RESULTS_DIR = join(__dirname, '..', 'results');
/** Added to each page's address, for comparisons while developing (e.g. '?adaptation=off': the browser's congestion control alone). */
const QUERY = process.env.BENCH_SFU_QUERY ?? '';
/**
 * How often waitMode reads every page's connections (ms after the last reading). Each reading is a
 * getStats of every connection on every page, in the switch's busiest seconds: BENCH_SFU_POLL_MS
 * tells how much of the pages' load is the bench's own.
 */
const POLL_MS = Number(process.env.BENCH_SFU_POLL_MS ?? 100);
/** BENCH_SFU_CONSOLES=1: every page's console is kept (tests/bench/results/sfu-consoles-*.log), not only a failed cycle's. */
const KEEP_CONSOLES = process.env.BENCH_SFU_CONSOLES === '1';

/** The page's connections say `mode` for a room of `n`, with every remote video decoding. */
export function inMode(pcs: SfuPcStats[], mode: Mode, n: number): boolean {
  if (!pcs.every((pc) => pc.state === 'connected')) return false;
  if (mode === 'mesh') return meshOnly(pcs, n) && pcs.every((pc) => toJanus(pc) || pc.inVideo.some((v) => v.frames > 0));
  const sub = pcs.find((pc) => pc.inVideo.length > 0);
  const janusOnly = pcs.every(toJanus) && pcs.some((pc) => pc.outVideoRids.length > 0);
  // Alone: the publisher, and at most a subscriber connection with nothing to receive.
  if (n === 1) return janusOnly && pcs.every((pc) => pc.inVideo.length === 0 || pc.outVideoRids.length > 0);
  return janusOnly && pcs.length === 2 && !!sub && sub.inVideo.filter((v) => v.frames > 0).length === n - 1;
}

/**
 * Where a participant's page comes from (section.ts): a context of one shared browser, or a
 * browser of its own, as each user of a real call has (its own network service and media threads).
 */
export type PageSource = (name: string, origin: string) => Promise<TestPage>;

export class BenchRoom {
  readonly users: CallUser[] = [];
  readonly name = uniqueRoom('sfubench');

  constructor(
    private readonly pages: PageSource,
    private readonly baseUrl: string,
  ) {}

  /** A new participant's page, in the lobby of this room with its preview playing (not joined yet). */
  async lobby(name: string): Promise<CallUser> {
    const u = new CallUser(await this.pages(name, this.baseUrl), name);
    try {
      await u.openLobby(this.baseUrl, this.name, 30_000, QUERY);
    } catch (e) {
      await u.close();
      throw e;
    }
    return u;
  }

  /** Clicks Join on a page from `lobby` and waits until it is in the call; counted in `users`. */
  async join(u: CallUser): Promise<CallUser> {
    this.users.push(u);
    await u.clickJoin();
    await u.waitInCall(30_000);
    return u;
  }

  /** Lobby, Join, in the call. */
  async add(name: string): Promise<CallUser> {
    return this.join(await this.lobby(name));
  }

  /** Clicks Leave call, closes the page, and waits until nobody shows its tile any more. */
  async leave(u: CallUser): Promise<void> {
    this.users.splice(this.users.indexOf(u), 1);
    await u.button('Leave call').click({ timeout: 5000 }).catch(() => undefined);
    if (KEEP_CONSOLES) this.keepConsoles('consoles', [u]);
    await u.close();
    await Promise.all(
      this.users.map((o) =>
        waitFor(`${o.name}: ${u.name}'s tile gone`, () => remoteTiles(o.page), (t) => !t.some((x) => x.label === u.name), { timeoutMs: 30_000, intervalMs: 100 }),
      ),
    );
  }

  /** Waits until every page is on `mode` with all media decoding; resolves with the ms waited. */
  async waitMode(mode: Mode, timeoutMs = 45_000): Promise<number> {
    const t0 = Date.now();
    const n = this.users.length;
    await Promise.all(
      this.users.map((u) => waitFor(`${u.name}: ${mode} with ${n} participants`, () => sfuStats(u.page), (pcs) => inMode(pcs, mode, n), { timeoutMs, intervalMs: POLL_MS })),
    );
    return Date.now() - t0;
  }

  /** Waits until every page sees every other participant's video advance. */
  async waitFlowing(timeoutMs = 45_000): Promise<void> {
    const others = this.users.length - 1;
    await Promise.all(
      this.users.map((u) =>
        waitFor(`${u.name}: ${others} advancing tiles`, () => sampleFlow(u.page, 800), (s) => new Set(s.advancingTiles).size === others && s.tiles.length === others, {
          timeoutMs,
          intervalMs: 0,
        }),
      ),
    );
  }

  /** Every page's last console lines (the app logs each switch step), kept in tests/bench/results/ for a failed cycle. */
  keepConsoles(kind: 'failed' | 'consoles' = 'failed', users = this.users): void {
    const file = join(RESULTS_DIR, `sfu-${kind}-${this.name}.log`);
    mkdirSync(RESULTS_DIR, { recursive: true });
    appendFileSync(file, users.map((u) => `=== ${u.name}\n${u.tp.console.join('\n')}\n\n`).join(''));
    if (kind === 'failed') process.stdout.write(`(consoles in ${file})`);
  }

  /** Every page's errors, for a failed measurement's message. */
  diagnostics(): string {
    return this.users.map((u) => u.tp.diagnostics()).join('\n');
  }

  async close(): Promise<void> {
    if (KEEP_CONSOLES) this.keepConsoles('consoles');
    await Promise.all(this.users.splice(0).map((u) => u.close()));
  }
}

/** Runs `fn` on a new room and always closes it; resolves with what failed (with every page's errors), or null. */
export async function inRoom(pages: PageSource, baseUrl: string, fn: (room: BenchRoom) => Promise<void>): Promise<string | null> {
  const room = new BenchRoom(pages, baseUrl);
  try {
    await fn(room);
    return null;
  } catch (e) {
    process.stdout.write('x');
    room.keepConsoles();
    return `${(e as Error).message.slice(0, 3000)}\n${room.diagnostics()}`;
  } finally {
    await room.close();
  }
}
