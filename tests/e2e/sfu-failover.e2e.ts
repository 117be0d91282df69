/**
 * A pool of two Janus (JANUS_URLS), each started in the test namespace by the product's own
 * start-up, and a room on the SFU (MESH_MAX_PARTICIPANTS=2, three people). The room's Janus is
 * killed (SIGKILL): the server moves the room to the other Janus (`sfu:rehome`), every page
 * publishes and subscribes there again on its own, the same participants (no rejoin) receive
 * advancing video and audio from everyone through the survivor, and /metrics says the room moved.
 *
 * The target is video back within 3 s of the kill; on this shared 2-core machine the test bounds
 * it generously (a call that does not come back fails) and prints the measured time.
 */
import { pageClockOffset, remoteTiles, videoBackMs, waitFor } from '../harness/probes';
import { startJanusInNs, type NsJanus } from '../harness/janus-ns';
import { uniqueRoom, type CallUser } from '../harness/ui';
import { carriers, janusMetrics, mediaFromBoth, POOL_RANGES as RANGES, roomsOn, sfuStats } from './sfu-probes';
import { useStack } from './stack';

jest.setTimeout(240_000);

const BACK_BOUND_MS = 45_000;
const shared = { JANUS_TOKEN_SECRET: 'e2e-pool-token-secret-0123', JANUS_VIDEOROOM_ADMIN_KEY: 'e2e-pool-admin-key-0123', JANUS_ADMIN_SECRET: 'e2e-pool-admin-secret-0123' };

const janus: NsJanus[] = [];
const stack = useStack({
  env: { JANUS_BUNDLED: 'off', MESH_MAX_PARTICIPANTS: '2', TOPOLOGY_HOLDDOWN_SECONDS: '60', SFU_PREWARM: 'off', JANUS_TOKEN_SECRET: shared.JANUS_TOKEN_SECRET, JANUS_VIDEOROOM_ADMIN_KEY: shared.JANUS_VIDEOROOM_ADMIN_KEY },
  services: async (ns) => {
    for (const r of RANGES) janus.push(await startJanusInNs(ns, r.ws, r.rtp, shared));
    return { env: { JANUS_URLS: janus.map((j) => j.url).join(',') }, stop: async () => void (await Promise.all(janus.map((j) => j.proc.stop()))) };
  },
});

describe('SFU failover across a pool of two Janus', () => {
  it('moves a room whose Janus is killed to the other one: same participants, media back through the survivor', async () => {
    const room = uniqueRoom('failover');
    const users = await stack.enter(room, ['Ada', 'Ben', 'Cy']);
    const first = await stack.diagnose('on the SFU', async () => {
      await Promise.all(users.map((u) => waitFor(`${u.name} receives through one Janus`, () => carriers(u), (c) => c.length > 0 && new Set(c).size === 1, { timeoutMs: 90_000 })));
      await Promise.all(users.map((u) => mediaFromBoth(u, 60_000)));
      const used = new Set((await Promise.all(users.map(carriers))).flat());
      expect(used.size).toBe(1);
      return [...used][0] as number;
    });
    const survivor = 1 - first;
    const before = await janusMetrics(users[0] as CallUser);
    expect([roomsOn(before, (janus[first] as NsJanus).url), roomsOn(before, (janus[survivor] as NsJanus).url)]).toEqual([1, 0]);
    const ids = await Promise.all(users.map(async (u) => (await remoteTiles(u.page)).map((t) => t.participantId).sort()));

    const offsets = await Promise.all(users.map((u) => pageClockOffset(u.page)));
    const killedAt = Date.now();
    process.kill((janus[first] as NsJanus).proc.pid as number, 'SIGKILL');
    const back = await stack
      .diagnose('media back through the other Janus', () =>
        Promise.all(
          users.map(async (u) => {
            await waitFor(`${u.name} receives through the survivor`, () => carriers(u), (c) => c.includes(survivor), { timeoutMs: BACK_BOUND_MS });
            await mediaFromBoth(u, BACK_BOUND_MS);
            return Date.now() - killedAt;
          }),
        ),
      )
      .catch(async (e: Error) => {
        const stats = await Promise.all(users.map(async (u) => `${u.name}: ${JSON.stringify(await sfuStats(u.page).catch(() => []))}`));
        e.message += `\n\nSFU connections now:\n${stats.join('\n')}`;
        e.message += `\n\npages' console since the kill:\n${users.map((u) => `${u.name}:\n  ${u.tp.console.filter((l) => l.slice(0, 12) >= new Date(killedAt).toISOString().slice(11, 23)).slice(-60).join('\n  ')}`).join('\n')}`;
        throw e;
      });
    const video = await Promise.all(users.map((u, i) => videoBackMs(u.page, offsets[i] as number, killedAt)));
    console.info(
      `sfu failover e2e: video back on every tile ${video.map((ms) => `${(ms / 1000).toFixed(1)} s`).join(', ')} after the kill (target 3 s); confirmed by a 1.5 s sample at ${back.map((ms) => `${(ms / 1000).toFixed(1)} s`).join(', ')}`,
    );

    // Nobody rejoined: the same participants on every page.
    expect(await Promise.all(users.map(async (u) => (await remoteTiles(u.page)).map((t) => t.participantId).sort()))).toEqual(ids);
    const after = await janusMetrics(users[0] as CallUser);
    expect(roomsOn(after, (janus[survivor] as NsJanus).url)).toBe(1);
    expect(Number(/^confer_sfu_failovers_total (\d+)$/m.exec(after)?.[1])).toBe(1);
  });
});
