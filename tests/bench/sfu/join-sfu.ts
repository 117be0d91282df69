/**
 * Join to first remote frame in an SFU room: five are in the call on Janus; a sixth, in the lobby
 * with its camera preview playing, clicks Join and is timed in its page from that click to the
 * first decoded frame (requestVideoFrameCallback) of all five, then leaves (five stay: still SFU).
 * Alternated with the join bench's baseline trial (two bare RTCPeerConnections, baseline.html),
 * which thereby runs beside the same five busy pages; after the room has closed, the baseline
 * runs again on the idle machine (for the ratio without the room's load on both sides).
 */
import type { Browser } from 'playwright-core';
import { clicks, waitFor } from '../../harness/probes';
import { baselineTrial } from '../join/baseline-trial';
import { pcPhases } from '../join/product-trial';
import type { JoinTiming } from '../join/product-trial';
import { BenchRoom } from './room';
import type { PageSource } from './room';

export interface JoinSeries {
  sfu: JoinTiming[];
  baseline: JoinTiming[];
  baselineIdle: JoinTiming[];
  errors: string[];
  /** The room could not be set up: no trial ran. */
  setupError: string | null;
}

async function sfuJoinTrial(room: BenchRoom, name: string): Promise<JoinTiming> {
  const others = [...room.users];
  const joiner = await room.lobby(name);
  await room.join(joiner);
  try {
    const atJoiner = await waitFor(
      `${name}: first frame from all ${others.length} others`,
      () => joiner.remoteTiles(),
      (t) => t.length === others.length && t.every((x) => x.firstFrameAt !== null),
      { timeoutMs: 30_000, intervalMs: 50 },
    );
    const atOthers = await Promise.all(
      others.map((u) =>
        waitFor(`${u.name}: first frame of ${name}`, () => u.remoteTiles(), (t) => t.some((x) => x.label === name && x.firstFrameAt !== null), {
          timeoutMs: 30_000,
          intervalMs: 50,
        }).then((t) => t.find((x) => x.label === name)!.firstFrameAt!),
      ),
    );
    const click = (await clicks(joiner.page)).find((c) => c.name === 'Join');
    if (!click) throw new Error('the Join click was not recorded');
    const last = Math.max(...atJoiner.map((t) => t.firstFrameAt!));
    return { joinerFirstFrameMs: last - click.at, allFirstFrameMs: Math.max(last, ...atOthers) - click.at, ...(await pcPhases(joiner.page, click.at)) };
  } finally {
    await room.leave(joiner);
  }
}

export async function sfuJoinSeries(pages: PageSource, browser: Browser, appUrl: string, baselineUrl: string, trials: number): Promise<JoinSeries> {
  const out: JoinSeries = { sfu: [], baseline: [], baselineIdle: [], errors: [], setupError: null };
  const room = new BenchRoom(pages, appUrl);
  try {
    for (const name of ['Ada', 'Ben', 'Cy', 'Dee', 'Eve']) await room.add(name);
    await room.waitMode('sfu');
    await room.waitFlowing();
  } catch (e) {
    out.setupError = `${(e as Error).message.slice(0, 3000)}\n${room.diagnostics()}`;
    await room.close();
    return out;
  }
  const attempt = async (into: JoinTiming[], fn: () => Promise<JoinTiming>): Promise<void> => {
    try {
      into.push(await fn());
      process.stdout.write('.');
    } catch (e) {
      out.errors.push((e as Error).message.slice(0, 2000));
      process.stdout.write('x');
    }
  };
  try {
    // One untimed warm-up of each, as in the join bench.
    await baselineTrial(browser, baselineUrl).catch(() => undefined);
    await sfuJoinTrial(room, 'Warm').catch(() => undefined);
    for (let i = 0; i < trials; i++) {
      const runs = [() => attempt(out.baseline, () => baselineTrial(browser, baselineUrl)), () => attempt(out.sfu, () => sfuJoinTrial(room, `Six${i + 1}`))];
      if (i % 2 === 1) runs.reverse();
      for (const r of runs) await r();
    }
  } finally {
    await room.close();
  }
  for (let i = 0; i < trials; i++) await attempt(out.baselineIdle, () => baselineTrial(browser, baselineUrl));
  return out;
}
