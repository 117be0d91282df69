/**
 * ICE restart towards Janus: a room of three on the bundled Janus (MESH_MAX_PARTICIPANTS=2). Every
 * media packet to and from Janus's RTP ports is dropped for 8 s (iptables in the test namespace;
 * signaling goes on over TCP): each page's publisher and subscriber connection, once 'disconnected'
 * for 2 s, restarts ICE through Janus (publisher: an offer with fresh credentials re-published;
 * subscriber: Janus's own restart offer) on the same RTCPeerConnections, and media from both others
 * is back on every page after the drop ends. The time to media is printed (target 5 s).
 */
import { pcStats, waitFor } from '../harness/probes';
import { uniqueRoom } from '../harness/ui';
import { JANUS_PORTS, mediaFromBoth } from './sfu-probes';
import { useStack } from './stack';

jest.setTimeout(240_000);

const BACK_BOUND_MS = 45_000;
const stack = useStack({
  env: { JANUS_BUNDLED: 'on', JANUS_RTP_PORTS: `${JANUS_PORTS.min}-${JANUS_PORTS.max}`, MESH_MAX_PARTICIPANTS: '2', TOPOLOGY_HOLDDOWN_SECONDS: '60', SFU_PREWARM: 'off' },
});

describe('ICE restart on the SFU', () => {
  it('restarts ICE through Janus on the same connections when the media path is lost, and media comes back', async () => {
    const room = uniqueRoom('sfu-ice');
    const users = await stack.enter(room, ['Ada', 'Ben', 'Cy']);
    await stack.diagnose('everyone receives both others on the SFU', () => Promise.all(users.map((u) => mediaFromBoth(u, 90_000))));
    const pcsBefore = await Promise.all(users.map(async (u) => (await pcStats(u.page)).length));
    const seen = users.map(() => new Set<string>());
    users.forEach((u, i) => u.page.on('console', (m) => /SFU ICE restart: (publisher|subscriber)/.test(m.text()) && seen[i]?.add(m.text().split(': ')[1] as string)));

    const range = `${JANUS_PORTS.min}:${JANUS_PORTS.max}`;
    const rules = [
      ['INPUT', '-p', 'udp', '--dport', range, '-j', 'DROP'],
      ['INPUT', '-p', 'udp', '--sport', range, '-j', 'DROP'],
    ];
    for (const r of rules) stack.ns.execSync(['iptables', '-I', ...r]);
    let restoredAt = 0;
    try {
      await waitFor('every page restarted both connections', async () => seen.map((s) => s.size), (n) => n.every((x) => x === 2), { timeoutMs: 20_000, intervalMs: 200 });
      await new Promise((r) => setTimeout(r, Math.max(0, 8000 - 2000)));
    } finally {
      for (const r of rules) stack.ns.execSync(['iptables', '-D', ...r]);
      restoredAt = Date.now();
    }
    const back = await stack.diagnose('media back on every page', () => Promise.all(users.map(async (u) => (await mediaFromBoth(u, BACK_BOUND_MS), Date.now() - restoredAt))));
    // The same connections (restarted, not made again).
    expect(await Promise.all(users.map(async (u) => (await pcStats(u.page)).length))).toEqual(pcsBefore);
    console.info(`sfu ice restart e2e: both connections of every page restarted ICE through Janus; media from both others back ${back.map((ms) => `${(ms / 1000).toFixed(1)} s`).join(', ')} after the path returned (target 5 s)`);
  });
});
