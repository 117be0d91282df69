/**
 * Two people, each behind their own symmetric NAT (harness/nat.ts), the signaling server and the
 * repository's coturn on the 'public' side. Direct paths are impossible, so:
 *  - with TURN the call connects and the selected candidate pair uses a relay candidate;
 *  - with ICE_TRANSPORT_POLICY=relay likewise, and neither side's selected local candidate is host/srflx;
 *  - with STUN only (no TURN) the call cannot connect and each tile says why within a bounded time.
 */
import { randomBytes } from 'node:crypto';
import type { Browser } from 'playwright-core';
import type { CoturnProcess } from '../../signaling-server/turn/coturn-process';
import { launchBrowser, newTestPage } from '../harness/browser';
import { createNatTopology, PUBLIC_IP, startForwarder, type NatTopology } from '../harness/nat';
import { pcStats, remoteTiles, waitFor, waitForMediaFromAll } from '../harness/probes';
import { acquireRunLock, releaseRunLock } from '../harness/run-lock';
import { startAppServer, type NsProcess } from '../harness/server';
import { startCoturnInNs } from '../harness/turn';
import { CallUser, uniqueRoom } from '../harness/ui';

jest.setTimeout(120_000);

const SECRET = randomBytes(24).toString('hex');
const TURN_PORT = 3478;
const FAILURE_TEXT = 'Connection failed: no network path (a TURN relay may be needed)';

let topo: NatTopology;
let coturn: CoturnProcess;
const browsers: Browser[] = [];
/** Per scenario: the server, the forwarders and the two users; stopped after each test. */
let scenario: { app: NsProcess; procs: NsProcess[]; users: CallUser[] } | null = null;

beforeAll(async () => {
  await acquireRunLock();
  topo = createNatTopology();
  try {
    // coturn may relay to its own address only (relay to relay); everything else internal stays denied.
    ({ coturn } = await startCoturnInNs(
      topo.pub,
      { TURN_LISTEN_IPS: PUBLIC_IP, TURN_RELAY_IPS: PUBLIC_IP, TURN_PORT: String(TURN_PORT), TURN_MIN_PORT: '50000', TURN_MAX_PORT: '50200', TURN_ALLOW_PEER_IPS: PUBLIC_IP },
      SECRET,
    ));
    for (const side of topo.sides) browsers.push(await launchBrowser(side.client));
  } catch (e) {
    await cleanup();
    throw e;
  }
}, 20 * 60_000); // the machine-wide run lock may wait for another file (run-lock.ts)

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

afterEach(endScenario, 30_000);
afterAll(cleanup, 60_000);

/** Starts a server with `env` in the public namespace and puts one user in each client namespace into one room. */
async function call(env: Record<string, string>): Promise<CallUser[]> {
  const app = await startAppServer(topo.pub, { env });
  scenario = { app, procs: [], users: [] };
  const room = uniqueRoom('nat');
  const names = ['Ana', 'Bo'];
  for (let i = 0; i < 2; i++) {
    scenario.procs.push(await startForwarder(topo.sides[i].client, app.port));
    const user = new CallUser(await newTestPage(browsers[i], names[i], app.url), names[i]);
    scenario.users.push(user);
  }
  try {
    await Promise.all(scenario.users.map((u) => u.enter(app.url, room)));
  } catch (e) {
    throw new Error(`${(e as Error).message}\n${scenario.users.map((u) => u.tp.diagnostics()).join('\n')}\nserver:\n${app.log(2000)}`);
  }
  return scenario.users;
}

const turnEnv = { TURN_URLS: `turn:${PUBLIC_IP}:${TURN_PORT}?transport=udp`, TURN_SECRET: SECRET };
const type = (candidate: string | null) => candidate?.split(' ')[0] ?? null;

/** Waits for media both ways and returns each side's selected pair as `[local, remote]` candidate strings. */
async function connectedPairs(users: CallUser[]): Promise<[string | null, string | null][]> {
  try {
    await Promise.all(users.map((u) => waitForMediaFromAll(u.page, 1, 45_000)));
  } catch (e) {
    throw new Error(`${(e as Error).message}\ncoturn:\n${coturn.log(40)}\n${users.map((u) => u.tp.diagnostics()).join('\n')}`);
  }
  const pairs: [string | null, string | null][] = [];
  for (const u of users) {
    const live = (await pcStats(u.page)).filter((p) => p.connectionState === 'connected');
    expect({ user: u.name, connected: live.length }).toEqual({ user: u.name, connected: 1 });
    pairs.push([live[0].localCandidate, live[0].remoteCandidate]);
  }
  return pairs;
}

describe('two clients behind symmetric NATs', () => {
  it('connect through the bundled coturn: the selected pair uses a relay candidate', async () => {
    const users = await call(turnEnv);
    const pairs = await connectedPairs(users);
    console.info(`selected pairs with TURN: ${JSON.stringify(pairs)}`);
    for (const [local, remote] of pairs) {
      expect([type(local), type(remote)]).toContain('relay');
      // Whatever side relays, the media path runs via coturn's public address, never a client's LAN address.
      expect(`${local} ${remote}`).toContain(PUBLIC_IP);
      expect(`${local} ${remote}`).not.toMatch(/192\.168\./);
    }
  });

  it('connect with ICE_TRANSPORT_POLICY=relay: both sides send only from relay candidates', async () => {
    const users = await call({ ...turnEnv, ICE_TRANSPORT_POLICY: 'relay' });
    const pairs = await connectedPairs(users);
    console.info(`selected pairs with relay-only: ${JSON.stringify(pairs)}`);
    for (const [local, remote] of pairs) {
      expect(type(local)).toBe('relay');
      expect(type(remote)).toBe('relay');
    }
  });

  it('without TURN the call cannot connect, and each tile says so within 35 s', async () => {
    // STUN works (coturn answers Binding requests) but symmetric NATs make its srflx candidates useless.
    const users = await call({ STUN_URLS: `stun:${PUBLIC_IP}:${TURN_PORT}` });
    const joinedAt = Date.now();
    for (const u of users) {
      await waitFor(
        `${u.name}: remote tile shows the failure`,
        () => remoteTiles(u.page),
        (tiles) => tiles.length === 1 && tiles[0].status === FAILURE_TEXT,
        { timeoutMs: 35_000 - (Date.now() - joinedAt), intervalMs: 250, describe: (t) => t.map((x) => x.status) },
      );
    }
    const elapsed = Date.now() - joinedAt;
    console.info(`failure shown ${elapsed} ms after joining`);
    expect(elapsed).toBeLessThan(35_000);
    for (const u of users) {
      const stats = await pcStats(u.page);
      expect({ user: u.name, everConnected: stats.some((p) => p.connectedAt !== null) }).toEqual({ user: u.name, everConnected: false });
    }
  });
});
