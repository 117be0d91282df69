/**
 * Two people, each behind their own symmetric NAT (harness/nat.ts), the signaling server and the
 * repository's coturn on the 'public' side. Direct paths are impossible, so:
 *  - with TURN the call connects and the selected candidate pair uses a relay candidate;
 *  - with ICE_TRANSPORT_POLICY=relay likewise, and neither side's selected local candidate is host/srflx;
 *  - with STUN only (no TURN) the call cannot connect and each tile says why within a bounded time.
 */
import { PUBLIC_IP } from '../harness/nat';
import { useNatSuite } from '../harness/nat-suite';
import { pcStats, remoteTiles, waitFor, waitForMediaFromAll } from '../harness/probes';
import type { CallUser } from '../harness/ui';

jest.setTimeout(120_000);

const FAILURE_TEXT = 'Connection failed: no network path (a TURN relay may be needed)';

const nat = useNatSuite();
const call = (env: Record<string, string>) => nat.call(env, 'nat');
const turnEnv = nat.turnEnv;
const type = (candidate: string | null) => candidate?.split(' ')[0] ?? null;

/** Waits for media both ways and returns each side's selected pair as `[local, remote]` candidate strings. */
async function connectedPairs(users: CallUser[]): Promise<[string | null, string | null][]> {
  try {
    await Promise.all(users.map((u) => waitForMediaFromAll(u.page, 1, 45_000)));
  } catch (e) {
    throw new Error(`${(e as Error).message}\ncoturn:\n${nat.coturn.log(40)}\n${users.map((u) => u.tp.diagnostics()).join('\n')}`);
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
    const users = await call(nat.stunEnv);
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
