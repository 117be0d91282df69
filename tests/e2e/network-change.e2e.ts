/**
 * A connected 2-person call through the NAT topology (harness/nat.ts, coturn on the public side),
 * in mesh and on the SFU (the bundled Janus on the public side, MESH_MAX_PARTICIPANTS=1), survives
 * one side's network changing under it, by ICE restarts on the same connections (mesh: the same
 * RTCPeerConnection, no new peer; both: no rejoin):
 *  - Ana's router gets a new WAN address: every NAT mapping changes, her TURN allocation is lost;
 *  - Ana's router's WAN link is down for 3, 10 or 30 s, then up (mappings are flushed with the link);
 *    after 30 s ICE has failed and the connection may be made anew, still between the same two
 *    participants (no rejoin).
 * Nothing inside Ana's client namespace changes, so the browser sees no 'online' event: the
 * recovery rests on media stopping (renderer/call/stall-watch.ts, 2-3 s), ICE 'disconnected' (about
 * 6 s) and the restart retries (renderer/call/ice-restart.ts), with the signaling connection checked
 * and reconnected as soon as media stops (SignalingClient.checkAlive).
 */
import type { Page } from 'playwright-core';
import { forwardToJanus, PUBLIC_IP } from '../harness/nat';
import { useNatSuite } from '../harness/nat-suite';
import { pcStats, remoteTiles, sleep, waitFor, waitForMediaFromAll } from '../harness/probes';
import type { CallUser } from '../harness/ui';
import { SFU_FROM_TWO_ENV } from './sfu-probes';

jest.setTimeout(180_000);

/**
 * Bounds on media coming back (targets: 5 s after an address change, 5/5/10 s after 3/10/30 s
 * cuts; the measured figures are printed with each page's recovery trace). After an address
 * change Ana's signaling connection dies with her address: media stops, 2-3 s later the stall
 * watch restarts ICE and checks the signaling connection, which reconnects and resumes; the
 * offer and answer then go through, followed by a TURN allocation on each side and a key frame.
 * The bounds catch a call that does not come back; they are not the target: a full fresh-clone
 * run with one core kept busy once measured 23.2 s and 13.2 s, at 93% and 88% of the first bounds
 * (25 s, 15 s), so they were raised to what a loaded machine needs.
 */
const ADDRESS_CHANGE_BOUND_MS = 45_000;
const LINK_RESTORE_BOUND_MS = 30_000;

const nat = useNatSuite();

type Topology = 'mesh' | 'sfu';
/** Server environment per topology: two people go to the SFU when the mesh holds one. */
const TOPOLOGY_ENV: Record<Topology, Record<string, string>> = {
  mesh: {},
  sfu: SFU_FROM_TWO_ENV,
};

async function call(topology: Topology, firstIn?: 'Ana' | 'Bo'): Promise<CallUser[]> {
  if (topology === 'sfu') forwardToJanus(nat.topo);
  const users = await nat.call({ ...nat.turnEnv, ...TOPOLOGY_ENV[topology] }, `netchange-${topology}`, firstIn);
  await Promise.all(users.map((u) => waitForMediaFromAll(u.page, 1, 45_000)));
  // A call in progress: media has flowed for a few seconds, long enough for the stall watch
  // (renderer/call/stall-watch.ts) to know it as a steady flow. A path lost in a call's first
  // two seconds is left to ICE's own 'disconnected', about 6 s later.
  await sleep(3000);
  // For failure reports: each ICE and signaling state change of the live connections, timestamped in the console.
  for (const u of users) {
    await u.page.evaluate(`for (const pc of window.__pcs) {
      const log = (what) => console.info('pc ' + what + ' ice=' + pc.iceConnectionState + ' signaling=' + pc.signalingState);
      pc.addEventListener('iceconnectionstatechange', () => log('ice'));
      pc.addEventListener('signalingstatechange', () => log('signaling'));
      pc.addEventListener('icegatheringstatechange', () => console.info('pc gathering ' + pc.iceGatheringState));
      const ice = pc.getTransceivers().map((t) => t.sender.transport && t.sender.transport.iceTransport).find(Boolean);
      const name = (c) => c ? c.type + ' ' + c.address + ':' + c.port : '?';
      if (ice) ice.addEventListener('selectedcandidatepairchange', () => {
        const p = ice.getSelectedCandidatePair();
        console.info('pc pair ' + (p ? name(p.local) + ' -> ' + name(p.remote) : 'none'));
      });
    }`);
  }
  return users;
}

/** What identifies the call on one page: the remote participant, the PCs created, the live one's local candidate. */
async function snapshot(page: Page) {
  const [tiles, pcs] = await Promise.all([remoteTiles(page), pcStats(page)]);
  const live = pcs.filter((p) => p.connectionState !== 'closed');
  return { remote: tiles.map((t) => t.participantId), pcsCreated: pcs.length, live: live.map((p) => p.index), local: live[0]?.localCandidate ?? null };
}

/** Ms from `since` until `page` shows Ana's video advancing again (frames counted after the stale ones drained). */
async function mediaBack(page: Page, since: number, boundMs: number, what: string): Promise<number> {
  // Frames already in the jitter buffer may still play for a moment after the path breaks.
  await sleep(Math.max(0, since + 1000 - Date.now()));
  const base = (await remoteTiles(page))[0]?.frames ?? 0;
  let firstAt: number | null = null;
  await waitFor(
    what,
    async () => {
      const t = await remoteTiles(page);
      if (firstAt === null && t.length === 1 && t[0].frames > base) firstAt = Date.now();
      return t;
    },
    (t) => t.length === 1 && t[0].frames >= base + 5,
    { timeoutMs: boundMs - (Date.now() - since), intervalMs: 100, describe: (t) => t.map((x) => ({ frames: x.frames, base, status: x.status })) },
  );
  // The first new frame, then five (the camera runs at 8 fps): where the time went after the path came back.
  console.info(`${what}: a first new frame ${firstAt === null ? '?' : firstAt - since} ms, five ${Date.now() - since} ms after`);
  return Date.now() - since;
}

/** Each page's recovery as its console told it (restarts, signaling, paths back), for the printed figures. */
function recoveryTrace(users: CallUser[], since: number): string {
  const from = new Date(since - 5000).toISOString().slice(11, 23);
  const wanted = /ICE|signaling|media|restart|key frames|reconnect|uplink|layer|held|slowlink|pc (pair|gathering)/;
  return users.map((u) => `${u.name}:\n  ${u.tp.console.filter((l) => l.slice(0, 12) >= from && wanted.test(l)).join('\n  ')}`).join('\n');
}

/** Runs `step`; if it throws, adds both pages' recent console, their PCs and the server log to the error. */
async function withReport<T>(users: CallUser[], step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (e) {
    const pages = await Promise.all(
      users.map(async (u) => `${u.name}: pcs ${JSON.stringify(await pcStats(u.page).catch(() => 'n/a'))}\n  ${u.tp.console.slice(-40).join('\n  ')}`),
    );
    throw new Error(`${(e as Error).message}\n${pages.join('\n')}\nserver:\n${nat.app?.log(3000) ?? ''}`);
  }
}

/** Nobody rejoined (a rejoin gives a new participant id); returns each page's snapshot, printed. */
async function expectSameParticipants(users: CallUser[], before: Awaited<ReturnType<typeof snapshot>>[], what: string) {
  const after = await Promise.all(users.map((u) => snapshot(u.page)));
  users.forEach((u, i) => console.info(`${u.name} after the ${what}: ${JSON.stringify(after[i])} (before ${JSON.stringify(before[i])})`));
  expect(after.map((a) => a.remote)).toEqual(before.map((b) => b.remote));
  return after;
}

/** The call after recovery: same participants, same RTCPeerConnection (restarted, not re-created), new local candidate on Ana's side. */
async function expectRestartedNotRecreated(users: CallUser[], before: Awaited<ReturnType<typeof snapshot>>[]): Promise<void> {
  for (let i = 0; i < users.length; i++) {
    const after = await snapshot(users[i].page);
    console.info(`${users[i].name}: before ${JSON.stringify(before[i])} after ${JSON.stringify(after)}`);
    expect({ user: users[i].name, remote: after.remote, pcsCreated: after.pcsCreated, live: after.live }).toEqual({
      user: users[i].name,
      remote: before[i].remote,
      pcsCreated: before[i].pcsCreated,
      live: before[i].live,
    });
  }
  // Ana's relay allocation came from her old NAT mapping: a restart gathered a new one.
  const ana = await waitFor('Ana selects a new local candidate', () => snapshot(users[0].page), (s) => s.local !== null && s.local !== before[0].local, {
    timeoutMs: 10_000,
    intervalMs: 250,
  });
  expect(ana.local).not.toBe(before[0].local);
}

/**
 * In mesh, whether Ana (whose address changes) makes the offers matters: offering, her restart offer
 * is held while her signaling is away and goes out on resume, just before the resume restarts ICE
 * again; answering, she asks Bo for the restart. Both are run (the later joiner offers). On the SFU
 * each page offers its own publisher connection, so the order does not matter.
 */
const ADDRESS_CHANGE_CASES: Record<Topology, { firstIn?: 'Ana' | 'Bo'; label: string }[]> = {
  mesh: [
    { firstIn: 'Ana', label: ' (Ana answering)' },
    { firstIn: 'Bo', label: ' (Ana offering)' },
  ],
  sfu: [{ label: '' }],
};

describe.each(['mesh', 'sfu'] as const)('a %s call when one side\'s network changes', (topology) => {
  it.each(ADDRESS_CHANGE_CASES[topology])('comes back by an ICE restart after the router\'s WAN address changes$label', async ({ firstIn }) => {
    const users = await call(topology, firstIn);
    const before = await Promise.all(users.map((u) => snapshot(u.page)));
    const router = nat.topo.sides[0].router;
    console.info(`before: ${JSON.stringify(before)}`);
    // Keep the new address when the old (primary) one goes, and keep the route to the server.
    router.execSync(['sysctl', '-q', '-w', 'net.ipv4.conf.wan.promote_secondaries=1']);
    const changedAt = Date.now();
    router.execSync(['ip', 'addr', 'add', '10.80.1.3/24', 'dev', 'wan']);
    router.execSync(['ip', 'addr', 'del', '10.80.1.2/24', 'dev', 'wan']);
    router.execSync(['ip', 'route', 'replace', `${PUBLIC_IP}/32`, 'via', '10.80.1.1']);
    try {
      const ms = await withReport(users, () => mediaBack(users[1].page, changedAt, ADDRESS_CHANGE_BOUND_MS, 'Bo sees Ana\'s video again after her address changed'));
      console.info(`${topology}: time to media after address change: ${ms} ms (target 5000); changed at ${new Date(changedAt).toISOString().slice(11, 23)}\n${recoveryTrace(users, changedAt)}`);
      if (topology === 'mesh') await withReport(users, () => expectRestartedNotRecreated(users, before));
      else await withReport(users, () => expectSameParticipants(users, before, 'address change'));
    } finally {
      router.execSync(['ip', 'addr', 'replace', '10.80.1.2/24', 'dev', 'wan']);
      router.execSync(['ip', 'addr', 'del', '10.80.1.3/24', 'dev', 'wan']);
      router.execSync(['ip', 'route', 'replace', `${PUBLIC_IP}/32`, 'via', '10.80.1.1']);
    }
  });

  // Targets: media back within 5, 5 and 10 s of the link's return (reported; the bound catches a call that never comes back).
  it.each([
    [3, 5000],
    [10, 5000],
    [30, 10_000],
  ])('comes back after a %i s link cut, the same call (same participants, no rejoin)', async (cutS, targetMs) => {
    const users = await call(topology);
    const before = await Promise.all(users.map((u) => snapshot(u.page)));
    const router = nat.topo.sides[0].router;
    router.execSync(['ip', 'link', 'set', 'wan', 'down']);
    await sleep(cutS * 1000);
    router.execSync(['ip', 'link', 'set', 'wan', 'up']);
    // Link down dropped the route through it.
    router.execSync(['ip', 'route', 'replace', `${PUBLIC_IP}/32`, 'via', '10.80.1.1']);
    const restoredAt = Date.now();
    const ms = await withReport(users, () => mediaBack(users[1].page, restoredAt, LINK_RESTORE_BOUND_MS, `Bo sees Ana's video again after her link came back (${cutS} s cut)`));
    console.info(`${topology}: time to media after a ${cutS} s link cut: ${ms} ms (target ${targetMs}); restored at ${new Date(restoredAt).toISOString().slice(11, 23)}\n${recoveryTrace(users, restoredAt - cutS * 1000)}`);
    if (topology === 'mesh' && cutS === 10) return withReport(users, () => expectRestartedNotRecreated(users, before));
    const after = await expectSameParticipants(users, before, `${cutS} s cut`);
    // Too short for ICE to give up the path: the same mesh connection. After 30 s ICE has failed on one
    // side (measured: Bo's), and the connection may be made anew between the same two participants.
    if (topology === 'mesh' && cutS < 10) expect(after.map((a) => a.pcsCreated)).toEqual(before.map((b) => b.pcsCreated));
  });
});
