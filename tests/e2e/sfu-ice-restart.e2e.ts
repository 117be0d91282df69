/**
 * ICE restart towards Janus: a room of three on the bundled Janus (MESH_MAX_PARTICIPANTS=2). Every
 * media packet to and from Janus's RTP ports is dropped (iptables in the test namespace; signaling
 * goes on over TCP).
 * - For 8 s: each page's publisher and subscriber connection, once its media stalls or ICE is
 *   'disconnected', restarts ICE through Janus (publisher: an offer with fresh credentials
 *   re-published; subscriber: Janus's own restart offer) on the same RTCPeerConnections, and media
 *   from both others is back on every page after the drop ends. The time to media is printed
 *   (target 5 s).
 * - For 20 s, and longer until Janus has given up a page (at most 60 s): the restarted ICE fails on
 *   Janus's side too and Janus hangs the connections up 5 s later; the server tells those pages to
 *   connect to the SFU again (at least one), and media from both others is back on every page after
 *   the drop ends.
 */
import { pcStats, waitFor } from '../harness/probes';
import { uniqueRoom } from '../harness/ui';
import { JANUS_PORTS, mediaFromBoth } from './sfu-probes';
import { useStack } from './stack';

// Room set-up (up to 90 s), the long drop (up to 60 s) and media back (up to 45 s) on a loaded machine.
jest.setTimeout(300_000);

const BACK_BOUND_MS = 45_000;
const stack = useStack({
  env: { JANUS_BUNDLED: 'on', JANUS_RTP_PORTS: `${JANUS_PORTS.min}-${JANUS_PORTS.max}`, MESH_MAX_PARTICIPANTS: '2', TOPOLOGY_HOLDDOWN_SECONDS: '60', SFU_PREWARM: 'off' },
});

const range = `${JANUS_PORTS.min}:${JANUS_PORTS.max}`;
const RULES = [
  ['INPUT', '-p', 'udp', '--dport', range, '-j', 'DROP'],
  ['INPUT', '-p', 'udp', '--sport', range, '-j', 'DROP'],
];

/** Drops Janus's media for `ms` from now, running `during` meanwhile; returns when the path is back. */
async function dropJanusMedia(ms: number, during: () => Promise<unknown>): Promise<number> {
  for (const r of RULES) stack.ns.execSync(['iptables', '-I', ...r]);
  const from = Date.now();
  try {
    await during();
    await new Promise((r) => setTimeout(r, Math.max(0, ms - (Date.now() - from))));
  } finally {
    for (const r of RULES) stack.ns.execSync(['iptables', '-D', ...r]);
  }
  return Date.now();
}

/** A room of three receiving both others on the SFU, and what each page says on its console from now on. */
async function threeOnTheSfu(name: string) {
  const users = await stack.enter(uniqueRoom(name), ['Ada', 'Ben', 'Cy']);
  await stack.diagnose('everyone receives both others on the SFU', () => Promise.all(users.map((u) => mediaFromBoth(u, 90_000))));
  const pcsBefore = await Promise.all(users.map(async (u) => (await pcStats(u.page)).length));
  const said = users.map(() => [] as string[]);
  users.forEach((u, i) => u.page.on('console', (m) => said[i]?.push(m.text())));
  const backAfter = (restoredAt: number) =>
    stack.diagnose('media back on every page', () => Promise.all(users.map(async (u) => (await mediaFromBoth(u, BACK_BOUND_MS), Date.now() - restoredAt))));
  return { users, pcsBefore, said, backAfter };
}

const seconds = (ms: number[]) => ms.map((x) => `${(x / 1000).toFixed(1)} s`).join(', ');

describe('ICE restart on the SFU', () => {
  it('restarts ICE through Janus on the same connections when the media path is lost, and media comes back', async () => {
    const { users, pcsBefore, said, backAfter } = await threeOnTheSfu('sfu-ice');
    const restarted = () => said.map((lines) => new Set(lines.filter((l) => /SFU ICE restart: (publisher|subscriber)/.test(l)).map((l) => l.split(': ')[1])).size);
    const restoredAt = await dropJanusMedia(8000, () => waitFor('every page restarted both connections', async () => restarted(), (n) => n.every((x) => x === 2), { timeoutMs: 20_000, intervalMs: 200 }));
    const back = await backAfter(restoredAt);
    // The same connections (restarted, not made again).
    expect(await Promise.all(users.map(async (u) => (await pcStats(u.page)).length))).toEqual(pcsBefore);
    console.info(`sfu ice restart e2e: both connections of every page restarted ICE through Janus; media from both others back ${seconds(back)} after the path returned (target 5 s)`);
  });

  it('connects every page to the SFU again when the path stays down until Janus gives its connections up, and media comes back', async () => {
    const { users, said, backAfter } = await threeOnTheSfu('sfu-gone');
    const again = () => said.map((lines) => lines.some((l) => l.includes('the SFU path starts over')));
    // Janus gives up a connection only once its own ICE failed after a restart: a page whose restart
    // reached it late may come back on its old connections instead (seen once in CI), and in one CI
    // run no page was given up within 20 s. So the path stays down at least 20 s and until Janus gave
    // up a page and the server sent it back to the SFU (signaling goes on meanwhile); within 60 s.
    const droppedAt = Date.now();
    const restoredAt = await dropJanusMedia(20_000, () =>
      waitFor('Janus gave up a page and the server sent it back to the SFU', async () => again(), (a) => a.some(Boolean), { timeoutMs: 60_000, intervalMs: 200 }),
    );
    // The wait above is the check that a page Janus gave up on was sent back to the SFU; every page has its media back.
    const back = await backAfter(restoredAt);
    console.info(`sfu ice restart e2e: during the drop (${seconds([restoredAt - droppedAt])}) Janus gave up the connections of ${again().filter(Boolean).length} of ${users.length} pages, which connected again; media from both others back ${seconds(back)} after the path returned`);
  });
});
