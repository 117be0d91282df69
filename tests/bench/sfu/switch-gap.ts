/**
 * The frame gap across live topology switches: 4 in mesh, a 5th joins (→ SFU), the 5th leaves
 * (→ mesh after the server's short hold-down), repeated. Before each switch every one of the four
 * marks its remote tiles and restarts the gap measurement; once every page is on the new path
 * (plus a second), it reads, per marked tile still shown, the largest interval between decoded
 * frames of the track the tile showed (timed in a Worker: tests/harness/decode-probes.js), the
 * largest interval between frames the page presented (requestVideoFrameCallback, on the main
 * thread) — a stall still open at the reading counts up to then — and whether it is still the
 * same mounted element.
 */
import type { Page } from 'playwright-core';
import { clicks, remoteTiles, resetGaps, sleep } from '../../harness/probes';
import { decodedGaps, markTiles, markedTiles, sfuStats, startDecodeWindow, toJanus } from '../../e2e/sfu-probes';
import { inRoom } from './room';
import type { BenchRoom, PageSource } from './room';

export interface TileGap {
  cycle: number;
  viewer: string;
  tile: string;
  /** Between decoded frames (the judged figure, DESIGN.md); null when the probe had nothing for the tile. */
  decodedGapMs: number | null;
  /** The same over the same window for the track the tile showed before the swap, still decoding on the old path (the page's load alone). */
  oldPathGapMs: number | null;
  /** Between presented frames (requestVideoFrameCallback). */
  gapMs: number;
  remounted: boolean;
}

export interface SwitchRun {
  /** Control: the same reading over STEADY_MS of a steady 4-person mesh, no switch (what this machine's load alone costs). */
  steady: TileGap[];
  toSfu: TileGap[];
  toMesh: TileGap[];
  /** ms from the 5th's Join click (to SFU) / its leave (to mesh) until every page was on the new path. */
  toSfuMs: number[];
  toMeshMs: number[];
  /** Cycles where the gap measurement restarted only after the switch back had begun (their toMesh gaps may miss part of it). */
  lateResets: number[];
  /** Cycles that could not be measured, with what failed. */
  errors: string[];
}

const pageNow = (page: Page): Promise<number> => page.evaluate('window.__confer.now()') as Promise<number>;

/** Marks the tiles and restarts the gap measurement on every page; resolves with when (page clock). */
async function arm(pages: Page[]): Promise<number> {
  await Promise.all(pages.map(async (p) => (await markTiles(p), await resetGaps(p), await startDecodeWindow(p))));
  return pageNow(pages[0]);
}

/**
 * Largest gap per marked tile that is still shown, including a stall still open now (a tile with
 * no frame at all counts from `armedAt`). A remounted tile's new element only knows its own frames:
 * its gap may be understated, which is why remounts are reported beside it.
 */
async function readGaps(page: Page, viewer: string, cycle: number, armedAt: number): Promise<TileGap[]> {
  const [tiles, marks, now, decoded] = await Promise.all([remoteTiles(page), markedTiles(page), pageNow(page), decodedGaps(page)]);
  return marks.flatMap((m) => {
    const t = tiles.find((x) => x.participantId === m.id);
    if (!t) return []; // the one who left
    const open = now - (t.lastFrameAt ?? armedAt);
    const d = decoded.find((x) => x.participantId === m.id);
    return [{ cycle, viewer, tile: t.label ?? m.id, decodedGapMs: d?.maxGapMs ?? null, oldPathGapMs: d?.oldPathMaxGapMs ?? null, gapMs: Math.max(t.maxGapMs, open), remounted: !m.sameElement }];
  });
}

/** Long enough to compare with a switch's reading window (a switch plus a second took 5-15 s here). */
export const STEADY_MS = 10_000;

async function steady(room: BenchRoom, run: SwitchRun): Promise<void> {
  await room.waitFlowing();
  const armedAt = await arm(room.users.map((u) => u.page));
  await sleep(STEADY_MS);
  for (const u of room.users) run.steady.push(...(await readGaps(u.page, u.name, 0, armedAt)));
}

/** One 4 → 5 → 4 cycle in a room of four in mesh; appends its gaps to `run`. */
async function cycle(room: BenchRoom, c: number, run: SwitchRun): Promise<void> {
  const four = [...room.users];
  await room.waitFlowing();
  const fifth = await room.lobby(`Eve${c}`);
  const beforeJoin = await arm(four.map((u) => u.page));
  await room.join(fifth);
  await room.waitMode('sfu');
  const joinAt = (await clicks(fifth.page)).find((x) => x.name === 'Join')?.at ?? NaN;
  run.toSfuMs.push(Date.now() - joinAt);
  await sleep(1000);
  for (const u of four) run.toSfu.push(...(await readGaps(u.page, u.name, c, beforeJoin)));

  await room.leave(fifth);
  const left = Date.now();
  const afterLeave = await arm(four.map((u) => u.page));
  // The hold-down runs from the leave; had the mesh connections already appeared, the gap reading starts late.
  const stats = await Promise.all(four.map((u) => sfuStats(u.page)));
  if (stats.some((pcs) => pcs.some((pc) => !toJanus(pc)))) run.lateResets.push(c);
  await room.waitMode('mesh');
  run.toMeshMs.push(Date.now() - left);
  await sleep(1000);
  for (const u of four) run.toMesh.push(...(await readGaps(u.page, u.name, c, afterLeave)));
  process.stdout.write('.');
}

/** `cycles` cycles; after a failed one the room is abandoned and the next cycles run in a new room of four. */
export async function switchCycles(pages: PageSource, baseUrl: string, cycles: number): Promise<SwitchRun> {
  const run: SwitchRun = { steady: [], toSfu: [], toMesh: [], toSfuMs: [], toMeshMs: [], lateResets: [], errors: [] };
  let c = 0;
  while (c < cycles) {
    const first = c + 1;
    const error = await inRoom(pages, baseUrl, async (room) => {
      for (const name of ['Ada', 'Ben', 'Cy', 'Dee']) await room.add(name);
      await room.waitMode('mesh');
      if (run.steady.length === 0) await steady(room, run);
      while (c < cycles) await cycle(room, ++c, run);
    });
    if (error === null) break;
    c = Math.max(c, first); // a room that could not even be set up uses up a cycle too
    run.errors.push(`cycle ${c}: ${error}`);
  }
  return run;
}
