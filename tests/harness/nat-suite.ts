/**
 * A test file's NAT setup (harness/nat.ts): the topology and coturn on the public side once per
 * file, one browser in each client namespace, and per test a server, forwarders and two users (Ana
 * and Bo, one per client namespace) in one room, stopped after the test. `useNatSuite()` registers
 * the beforeAll/afterEach/afterAll hooks itself.
 */
import { randomBytes } from 'node:crypto';
import type { Browser } from 'playwright-core';
import type { CoturnProcess } from '../../signaling-server/turn/coturn-process';
import { launchBrowser, newTestPage } from './browser';
import { createNatTopology, PUBLIC_IP, startForwarder, type NatTopology } from './nat';
import { acquireRunLock, releaseRunLock } from './run-lock';
import { startAppServer, type NsProcess } from './server';
import { startCoturnInNs } from './turn';
import { CallUser, uniqueRoom } from './ui';

const TURN_PORT = 3478;

export interface NatSuite {
  readonly topo: NatTopology;
  readonly coturn: CoturnProcess;
  /** Server environment for TURN through the public coturn. */
  readonly turnEnv: Record<string, string>;
  /** Server environment for STUN only, on the same coturn. */
  readonly stunEnv: Record<string, string>;
  /** The current test's server (null between tests). */
  readonly app: NsProcess | null;
  /**
   * Starts a server with `env` on the public side and puts Ana and Bo into one room: together, or
   * `firstIn` first and the other after (in mesh the later joiner makes the offers).
   */
  call(env: Record<string, string>, roomPrefix: string, firstIn?: 'Ana' | 'Bo'): Promise<CallUser[]>;
}

export function useNatSuite(): NatSuite {
  const secret = randomBytes(24).toString('hex');
  let topo: NatTopology | undefined;
  let coturn: CoturnProcess | undefined;
  const browsers: Browser[] = [];
  let scenario: { app: NsProcess; procs: NsProcess[]; users: CallUser[] } | null = null;

  async function endScenario(): Promise<void> {
    if (!scenario) return;
    await Promise.all(scenario.users.map((u) => u.close()));
    for (const p of scenario.procs) await p.stop();
    await scenario.app.stop();
    scenario = null;
  }

  async function cleanup(): Promise<void> {
    await endScenario();
    for (const b of browsers) await b.close().catch(() => undefined);
    await coturn?.stop();
    topo?.destroy();
    releaseRunLock();
  }

  beforeAll(async () => {
    await acquireRunLock();
    topo = createNatTopology();
    try {
      // coturn may relay to its own address only (relay to relay); everything else internal stays denied.
      ({ coturn } = await startCoturnInNs(
        topo.pub,
        { TURN_LISTEN_IPS: PUBLIC_IP, TURN_RELAY_IPS: PUBLIC_IP, TURN_PORT: String(TURN_PORT), TURN_MIN_PORT: '50000', TURN_MAX_PORT: '50200', TURN_ALLOW_PEER_IPS: PUBLIC_IP },
        secret,
      ));
      for (const side of topo.sides) browsers.push(await launchBrowser(side.client));
    } catch (e) {
      await cleanup();
      throw e;
    }
  }, 20 * 60_000); // the machine-wide run lock may wait for another file (run-lock.ts)
  afterEach(endScenario, 30_000);
  afterAll(cleanup, 60_000);

  const ready = <T>(v: T | undefined): T => {
    if (v === undefined) throw new Error('the NAT suite is not set up (used outside a test?)');
    return v;
  };

  return {
    get topo() {
      return ready(topo);
    },
    get coturn() {
      return ready(coturn);
    },
    turnEnv: { TURN_URLS: `turn:${PUBLIC_IP}:${TURN_PORT}?transport=udp`, TURN_SECRET: secret },
    stunEnv: { STUN_URLS: `stun:${PUBLIC_IP}:${TURN_PORT}` },
    get app() {
      return scenario?.app ?? null;
    },
    async call(env, roomPrefix, firstIn) {
      const t = ready(topo);
      const app = await startAppServer(t.pub, { env });
      scenario = { app, procs: [], users: [] };
      const room = uniqueRoom(roomPrefix);
      const names = ['Ana', 'Bo'];
      for (let i = 0; i < 2; i++) {
        scenario.procs.push(await startForwarder(t.sides[i].client, app.port));
        scenario.users.push(new CallUser(await newTestPage(browsers[i], names[i], app.url), names[i]));
      }
      const users = scenario.users;
      try {
        const first = users.find((u) => u.name === firstIn);
        if (first) await first.enter(app.url, room);
        await Promise.all(users.filter((u) => u !== first).map((u) => u.enter(app.url, room)));
      } catch (e) {
        throw new Error(`${(e as Error).message}\n${users.map((u) => u.tp.diagnostics()).join('\n')}\nserver:\n${app.log(2000)}`);
      }
      return users;
    },
  };
}
