/**
 * The network section of `npm run bench`: calls under emulated links (harness/nat.ts, shaped with
 * tc on Ana's router, ./link.ts), with our adaptation on and, in the same run, off (the page
 * opened with `?adaptation=off`: the browser's congestion control alone).
 *
 * For a 2-person mesh call and a 5-person SFU call: Ana's link uncapped, then capped at 3 Mbit/s,
 * 1 Mbit/s and 300 kbit/s, each direction with 50 ms delay (netem where the kernel has it, else a
 * user-space delay line in Ana's namespace: harness/delay-line.ts); per cap, after a settling time, over a
 * window: what her link carried each way (counted on the link, headers and all, as the cap
 * counts), the share of what the call can use (sent / min(cap, sent uncapped in the same call)),
 * the loss on her uplink as the far side reports it, and how much of her audio the listener (Bo)
 * concealed. Then, adaptation on only, her link cut for 3, 10 and 30 s: time from its return until
 * her video at Bo is back from its freeze.
 */
import { frameBackMs, pageClockOffset, remoteTiles, sleep, waitFor } from '../../harness/probes';
import { acquireRunLock, releaseRunLock } from '../../harness/run-lock';
import { ensureBuilt } from '../../harness/server';
import type { SectionResult } from '../section';
import { round, table } from '../stats';
import { judge, type Target } from '../targets';
import { openBed, type NetCall, type Topology } from './call';
import { startDelayLine, type DelayLine } from '../../harness/delay-line';
import { clearLink, cutLink, linkBytes, netemAvailable, restoreLink, shapeLink } from './link';
import { measureWindow, type WindowFigures } from './measure';
import { CAPS_BPS, CUTS, LINK_DELAY_MS, LOSS_TARGET_PERCENT, SHARE_OF_CAP_TARGET, UNCAPPED_SHARE_TARGET } from './targets';

const SETTLE_MS = Number(process.env.BENCH_NET_SETTLE_MS ?? 12_000);
const WINDOW_MS = Number(process.env.BENCH_NET_WINDOW_MS ?? 15_000);
/** Which calls run: BENCH_NET_CALLS=sfu for one (figures of the other are then not measured). */
const TOPOLOGIES = (process.env.BENCH_NET_CALLS ?? 'mesh,sfu').split(',').filter((t): t is Topology => t === 'mesh' || t === 'sfu');
/** Which steps run: BENCH_NET_STEPS=cuts for the link cuts alone (adaptation on; the caps are then not measured). */
const STEPS = new Set((process.env.BENCH_NET_STEPS ?? 'caps,cuts').split(','));
/** Which caps run after the uncapped window: BENCH_NET_CAPS=300000 for one (bit/s, comma-separated; the others are then not measured). */
const CAPS = process.env.BENCH_NET_CAPS ? CAPS_BPS.filter((c) => process.env.BENCH_NET_CAPS?.split(',').map(Number).includes(c)) : CAPS_BPS;
/** Which adaptations run for the caps: BENCH_NET_ADAPTATION=on for ours alone. */
const ADAPTATIONS = process.env.BENCH_NET_ADAPTATION === 'on' ? [true] : [true, false];
/** How long a cut's recovery is waited for. */
const CUT_BOUND_MS = 30_000;

interface CapRow extends WindowFigures {
  capBps: number | null;
  /** Sent / min(cap, sent uncapped). */
  share: number | null;
  /** Whether the cap is below what the call sends uncapped: only then does it test adaptation. */
  binds: boolean;
}

interface CallFigures {
  topology: Topology;
  adaptation: boolean;
  caps: CapRow[];
  /** Cut seconds -> ms from the link's return until Bo's tile of Ana is back from its freeze, and until it is seen advancing (null: not back within the bound). */
  cuts: { cutS: number; backMs: number | null; confirmedMs: number | null }[];
  error: string | null;
  /** Ana's page log about her links (uplink levels, ICE restarts), per cap window and cut, to read why a figure is what it is. */
  trace: string[];
}

const fmtBps = (bps: number | null) => (bps === null ? 'uncapped' : bps >= 1e6 ? `${bps / 1e6} Mbit/s` : `${bps / 1e3} kbit/s`);

/**
 * After the link's return at `since`: when Bo's tile of Ana came back from the cut's freeze (the
 * page's own frame log: harness/probes frameBackMs, the freeze open at the return or a later one
 * of a second or more), read once the tile is seen advancing again (5 more frames after 1 s for
 * stale frames to drain: `confirmedMs`). Polling the tile alone measured the poll too: a page of
 * the 5-person call (then five pages), on 2 cores at a load of 11-17, answered it up to 1.7 s late. Both ms from
 * the return; null: not back within the bound.
 */
async function videoBack(call: NetCall, since: number, offset: number, boundMs: number): Promise<{ backMs: number | null; confirmedMs: number | null }> {
  const bo = call.others[0].page;
  await sleep(1000);
  const ana = async () => (await remoteTiles(bo)).find((t) => t.label?.startsWith('Ana'));
  const base = (await ana())?.frames ?? 0;
  try {
    await waitFor('Ana\'s video back at Bo', ana, (t) => (t?.frames ?? 0) >= base + 5, { timeoutMs: boundMs, intervalMs: 100 });
  } catch {
    return { backMs: null, confirmedMs: null };
  }
  const confirmedMs = Date.now() - since;
  const id = (await ana())?.participantId;
  // No freeze to read (no id, or no gap open at the return): the poll's figure stands.
  const backMs = id ? await frameBackMs(bo, offset, since, id) : null;
  return { backMs: backMs ?? confirmedMs, confirmedMs };
}

async function runCall(bed: Awaited<ReturnType<typeof openBed>>, topology: Topology, adaptation: boolean, delayMs: number): Promise<CallFigures> {
  const out: CallFigures = { topology, adaptation, caps: [], cuts: [], error: null, trace: [] };
  const router = bed.topo.sides[0].router;
  let call: NetCall | null = null;
  try {
    call = await bed.call(topology, adaptation);
    const bo = call.others[0].page;
    let uncappedUp: number | null = null;
    for (const cap of STEPS.has('caps') ? [null, ...CAPS] : []) {
      shapeLink(router, cap, delayMs);
      await sleep(SETTLE_MS);
      const w = await measureWindow(call.ana.page, bo, 'Ana', WINDOW_MS, () => linkBytes(router));
      out.trace.push(`-- ${fmtBps(cap)}`, ...call.anaLog());
      if (cap === null) uncappedUp = w.upBps;
      const usable = cap === null ? null : uncappedUp === null ? cap : Math.min(cap, uncappedUp);
      out.caps.push({ ...w, capBps: cap, share: usable && !w.replaced ? round(w.upBps / usable, 2) : null, binds: cap !== null && uncappedUp !== null && cap < uncappedUp });
      process.stdout.write('.');
    }
    clearLink(router);
    if (adaptation && STEPS.has('cuts')) {
      for (const [cutS] of CUTS) {
        // Back to a steady call first (the stall watch knows a flow only after 1.5 s of it).
        await sleep(5000);
        const offset = await pageClockOffset(call.others[0].page);
        cutLink(router);
        await sleep(cutS * 1000);
        restoreLink(router);
        const back = Date.now();
        out.cuts.push({ cutS, ...(await videoBack(call, back, offset, CUT_BOUND_MS)) });
        out.trace.push(`-- ${cutS} s cut, link back at ${new Date(back).toISOString().slice(11, 23)}`, ...call.anaLog());
        process.stdout.write('.');
      }
    }
  } catch (e) {
    out.error = `${(e as Error).message.slice(0, 3000)}${call ? `\nserver:\n${call.log()}` : ''}`;
  } finally {
    clearLink(router);
    await call?.close().catch(() => undefined);
  }
  return out;
}

export async function networkBench(): Promise<SectionResult> {
  ensureBuilt();
  await acquireRunLock();
  const calls: CallFigures[] = [];
  let delayLost: string | null = null;
  const bed = await openBed().catch((e: unknown) => {
    releaseRunLock();
    throw e;
  });
  // netem's delay is shaped with each cap; without netem, a delay line in Ana's namespace adds it for the whole section.
  let netemDelayMs = LINK_DELAY_MS;
  let line: DelayLine | null = null;
  try {
    if (!netemAvailable(bed.topo.sides[0].router)) {
      netemDelayMs = 0;
      line = await startDelayLine(bed.topo.sides[0].client, 'eth0', LINK_DELAY_MS);
      console.warn(`this kernel has no netem qdisc: Ana's ${LINK_DELAY_MS} ms each way comes from a user-space delay line in her namespace (harness/delay-line.ts)`);
    }
    for (const topology of TOPOLOGIES) {
      for (const adaptation of STEPS.has('caps') ? ADAPTATIONS : [true]) {
        console.info(`${topology}, adaptation ${adaptation ? 'on' : 'off'}`);
        calls.push(await runCall(bed, topology, adaptation, netemDelayMs));
        process.stdout.write('\n');
      }
    }
  } finally {
    // A delay line that died during the run left the link without delay from then on: its figures say so.
    if (line && !line.running) delayLost = `the delay line stopped during the run: ${line.log().slice(-500)}`;
    await line?.stop();
    await bed.close();
    releaseRunLock();
  }
  return report(calls, line === null ? 'netem' : 'a delay line', delayLost);
}

/** `delayBy`: what added Ana's link delay; `delayLost`: why it was missing for part of the run (then every figure says so). */
function report(calls: CallFigures[], delayBy: string, delayLost: string | null): SectionResult {
  const rows = calls.flatMap((c) =>
    c.caps.map((r) => r.replaced ? [c.topology, c.adaptation ? 'on' : 'off (browser)', fmtBps(r.capBps), 'a connection was replaced during the window', null, null, null, null, null] : [
      c.topology,
      c.adaptation ? 'on' : 'off (browser)',
      fmtBps(r.capBps),
      round(r.upBps / 1000, 0),
      round(r.upTransportBps / 1000, 0),
      round(r.downBps / 1000, 0),
      r.binds || r.capBps === null ? r.share : `${r.share} (cap idle)`,
      r.upLossPercent === null ? null : round(r.upLossPercent, 2),
      r.concealedPercent === null ? null : round(r.concealedPercent, 1),
    ]),
  );
  console.info(`\nAna's link (both directions ${LINK_DELAY_MS} ms added delay by ${delayBy}${delayLost ? `, but ${delayLost}` : ''}; settle ${SETTLE_MS / 1000} s, window ${WINDOW_MS / 1000} s)`);
  console.info(table(['call', 'adaptation', 'cap', 'up kbit/s', 'up kbit/s, page transports', 'down kbit/s', 'share of usable', 'uplink loss %', 'Bo: Ana concealed %'], rows));
  const secs = (ms: number | null) => (ms === null ? 'not back in 30 s' : round(ms / 1000, 1));
  const cutRows = calls.filter((c) => c.cuts.length).flatMap((c) => c.cuts.map((x) => [c.topology, `${x.cutS} s`, secs(x.backMs), secs(x.confirmedMs)]));
  if (cutRows.length) console.info(`\nLink cuts (adaptation on): seconds from the link's return to the end of Ana's freeze at Bo, and to her tile seen advancing\n${table(['call', 'cut', 'video back, s', 'seen advancing, s'], cutRows)}`);
  for (const c of calls) if (c.error) console.error(`${c.topology} (adaptation ${c.adaptation ? 'on' : 'off'}) failed: ${c.error}`);

  const targets: Target[] = [];
  for (const topology of ['mesh', 'sfu'] as const) {
    const on = calls.find((c) => c.topology === topology && c.adaptation);
    const off = calls.find((c) => c.topology === topology && !c.adaptation);
    const upOn = on?.caps.find((r) => r.capBps === null);
    const upOff = off?.caps.find((r) => r.capBps === null);
    const uncapped = upOn && upOff && !upOn.replaced && !upOff.replaced && upOff.upBps > 0 ? round(upOn.upBps / upOff.upBps, 2) : null;
    const uncappedNote = upOn && upOff ? `${round(upOn.upBps / 1000, 0)} against ${round(upOff.upBps / 1000, 0)} kbit/s` : undefined;
    targets.push(judge(`${topology}, uncapped: sent with the adaptation against the browser alone`, uncapped, '>=', UNCAPPED_SHARE_TARGET, '', { note: uncappedNote }));
    for (const cap of CAPS_BPS) {
      const row = on?.caps.find((r) => r.capBps === cap);
      const base = off?.caps.find((r) => r.capBps === cap);
      const baseNote = base ? `browser alone: share ${base.share ?? '-'}, loss ${base.upLossPercent === null ? '-' : round(base.upLossPercent, 2)} %` : undefined;
      // A cap above what the call sends uncapped tests nothing: not measured (the SFU call's three layers of a 640x360 camera stay under 1 Mbit/s).
      const idle = row && !row.binds ? `the call sends ${round(on?.caps[0]?.upBps ?? 0, -3) / 1000} kbit/s uncapped: this cap never binds` : undefined;
      const note = [baseNote, idle].filter(Boolean).join('; ') || undefined;
      targets.push(judge(`${topology}, ${fmtBps(cap)}: share of usable uplink`, row && row.binds ? row.share : null, '>=', SHARE_OF_CAP_TARGET, '', { note }));
      const loss = row && !row.replaced && row.upLossPercent !== null ? round(row.upLossPercent, 2) : null;
      targets.push(judge(`${topology}, ${fmtBps(cap)}: uplink loss`, loss, '<', LOSS_TARGET_PERCENT, '%', { note: row?.replaced ? 'a connection was replaced during the window' : undefined }));
    }
    for (const [cutS, limit] of CUTS) {
      const cut = on?.cuts.find((x) => x.cutS === cutS);
      // Not back within the bound is a measurement too: missed, at least the bound.
      const back = cut === undefined ? null : (cut.backMs ?? CUT_BOUND_MS);
      targets.push(judge(`${topology}: video back after a ${cutS} s cut`, back, '<', limit, 'ms', { note: cut && cut.backMs === null ? `not back within ${CUT_BOUND_MS / 1000} s` : cut?.confirmedMs ? `seen advancing after ${round(cut.confirmedMs / 1000, 1)} s` : undefined }));
    }
  }
  if (delayLost) for (const t of targets) t.note = t.note ? `${t.note}; ${delayLost}` : delayLost;
  return { result: { calls, delayMs: LINK_DELAY_MS, delayBy, delayLost }, failed: calls.some((c) => c.error !== null), targets };
}
