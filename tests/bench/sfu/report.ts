/** The SFU section's tables (printed) and figures (returned for results/latest.json). */
import { ratio, round, summarize, table } from '../stats';
import type { JoinSeries } from './join-sfu';
import { STEADY_MS } from './switch-gap';
import type { SwitchRun, TileGap } from './switch-gap';
import type { UploadRun } from './upload';
import type { WindowResult } from './window';

import { judge } from '../targets';
import type { Target } from '../targets';
import { GAP_TARGET_MS, JOIN_RATIO_TARGET, TO_SFU_TARGET_MS } from './targets';

const verdict = (ok: boolean | null): string => (ok === null ? 'not measured' : ok ? 'met' : 'NOT met');
/** An error's first lines for the console (the JSON keeps it whole). */
const short = (e: string): string => (e.length > 700 ? `${e.slice(0, 700)} …` : e);
const kB = (bytesPerS: number): number => round(bytesPerS / 1000);

/** Prints the switch figures, adds their verdicts to `targets`, returns the figures. */
export function reportSwitch(run: SwitchRun, targets: Target[]): unknown {
  const dirs = [
    { label: `no switch: 4 in mesh, ${STEADY_MS / 1000} s (control)`, gaps: run.steady, ms: [], control: true },
    { label: 'mesh -> SFU (4 -> 5)', gaps: run.toSfu, ms: run.toSfuMs, control: false },
    { label: 'SFU -> mesh (5 -> 4)', gaps: run.toMesh, ms: run.toMeshMs, control: false },
  ];
  const rows = dirs.map((d) => {
    const s = summarize(d.gaps.map((g) => g.decodedGapMs ?? NaN));
    const presented = summarize(d.gaps.map((g) => g.gapMs));
    const oldPath = summarize(d.gaps.map((g) => g.oldPathGapMs ?? NaN));
    const cycles = new Set(d.gaps.map((g) => g.cycle)).size;
    // A tile without a decoded-frame reading cannot be shown to have met the target.
    const unread = d.gaps.length - s.n;
    const met = s.max === null || d.control ? null : s.max < GAP_TARGET_MS && unread === 0;
    return { ...d, s, presented, oldPath, unread, cycles, remounted: d.gaps.filter((g) => g.remounted).length, switchMs: summarize(d.ms), met };
  });
  console.info('Frame gap per remote tile across the switch (ms), each tile that existed before the switch:');
  console.info('  decoded = largest interval between decoded frames of the track the tile showed (timed in a Worker; the judged figure, DESIGN.md)');
  console.info('  presented = largest interval between requestVideoFrameCallback frames (the page main thread: starved here by 4-5 pages on 2 cores)');
  console.info('  old path = decoded, over the same window, for the track the tile showed before the swap, which the old path kept decoding: the load alone at the same moment');
  console.info(
    table(
      ['direction', 'switches', 'tiles', 'remounted', 'decoded median', 'decoded p90', 'decoded largest', `largest < ${GAP_TARGET_MS}`, 'old path median', 'old path largest', 'presented median', 'presented largest', 'switch took, median ms'],
      rows.map((r) => [r.label, r.control ? '-' : r.cycles, r.s.n, r.remounted, r.s.median, r.s.p90, r.s.max, r.control ? '-' : verdict(r.met), r.control ? '-' : r.oldPath.median, r.control ? '-' : r.oldPath.max, r.presented.median, r.presented.max, r.switchMs.median]),
    ),
  );
  const worst = (g: TileGap[]) =>
    [...g].sort((a, b) => (b.decodedGapMs ?? Infinity) - (a.decodedGapMs ?? Infinity)).slice(0, 3).map((x) => `${x.decodedGapMs ?? 'no frames'} ms (${x.viewer} sees ${x.tile}, cycle ${x.cycle})`);
  for (const r of rows) if (r.gaps.length && !r.control) console.info(`  worst decoded ${r.label}: ${worst(r.gaps).join('; ')}`);
  for (const r of rows) if (r.unread > 0) console.info(`  note: ${r.unread} tile(s) of "${r.label}" had no decoded-frame reading`);
  console.info('  (switch took: to SFU from the 5th\'s Join click, to mesh from its tile leaving every grid, 2 s hold-down included, until every page is on the new path)');
  const toSfu = rows[1].switchMs;
  // The target is the median over the cycles; the largest is printed beside it.
  const toSfuMet = toSfu.median === null ? null : toSfu.median < TO_SFU_TARGET_MS;
  console.info(`  5th join to every page on Janus only (old path closed; target: median < ${TO_SFU_TARGET_MS} ms): median ${toSfu.median}, largest ${toSfu.max}: ${verdict(toSfuMet)}`);
  // The control says what this machine's load alone costs: a switch cannot show gaps under its floor.
  const control = rows[0].s;
  const floor = control.max === null ? undefined : `no switch (control): largest ${control.max} ms, median ${control.median} ms`;
  if (control.max !== null && control.max >= GAP_TARGET_MS) console.info(`  note: with no switch at all, this machine's largest decoded gap is ${control.max} ms, at or above the ${GAP_TARGET_MS} ms target`);
  for (const r of rows.filter((x) => !x.control)) {
    const note = [r.unread > 0 ? `${r.unread} tile(s) without a decoded-frame reading` : undefined, floor].filter(Boolean).join('; ') || undefined;
    targets.push(judge(`largest decoded frame gap of a tile, ${r.label}`, r.s.max, '<', GAP_TARGET_MS, 'ms', { valid: r.unread === 0, note }));
  }
  targets.push(judge(`5th join to every page on Janus only (old path closed), median of ${toSfu.n} (largest ${toSfu.max ?? '-'} ms)`, toSfu.median, '<', TO_SFU_TARGET_MS, 'ms'));
  // Every cycle completes both ways: a switch that never finishes is the worst gap of all.
  const cycles = run.toMeshMs.length + run.errors.length;
  console.info(`  cycles completed both ways: ${run.toMeshMs.length} of ${cycles}`);
  targets.push(judge(`switch cycles completed both ways, of ${cycles}`, run.toMeshMs.length, '>=', cycles));
  if (run.lateResets.length) console.info(`  note: in cycle(s) ${run.lateResets.join(', ')} the switch back to mesh had begun before the gap reset`);
  for (const e of run.errors) console.info(`  failed ${short(e)}`);
  const raw = (gaps: TileGap[]) => gaps.map((g) => ({ ...g, gapMs: round(g.gapMs) }));
  return {
    definition:
      'per remote tile present before and after the switch, from just before the switch until 1 s after every page is on the new path: decoded = largest interval between decoded frames of the track the tile showed (Worker-timed), presented = largest interval between requestVideoFrameCallback frames',
    directions: rows.map((r) => ({ direction: r.label, switches: r.cycles, tiles: r.s, oldPathSameMoment: r.oldPath, presented: r.presented, remounted: r.remounted, switchMs: r.switchMs, target: GAP_TARGET_MS, met: r.met })),
    rawSteady: raw(run.steady),
    rawToSfu: raw(run.toSfu),
    rawToMesh: raw(run.toMesh),
    toSfuTargetMs: TO_SFU_TARGET_MS,
    toSfuMet,
    lateResets: run.lateResets,
    errors: run.errors,
  };
}

/** Prints the SFU join figures, adds their verdict to `targets`, returns the figures. */
export function reportJoin(j: JoinSeries, targets: Target[]): unknown {
  const sums = [
    { label: 'baseline: 2 bare RTCPeerConnections (beside the 5 SFU pages)', t: j.baseline },
    { label: 'product: 6th joins a 5-person SFU room', t: j.sfu },
    { label: 'baseline again, after the room closed (idle machine)', t: j.baselineIdle },
  ].map((x) => ({ ...x, joiner: summarize(x.t.map((t) => t.joinerFirstFrameMs)), all: summarize(x.t.map((t) => t.allFirstFrameMs)), pc: summarize(x.t.map((t) => t.pcConnectedMs ?? NaN)) }));
  const r = ratio(sums[1].joiner.median, sums[0].joiner.median);
  const rAll = ratio(sums[1].all.median, sums[0].all.median);
  const rIdle = ratio(sums[1].joiner.median, sums[2].joiner.median);
  console.info('Join to first remote frame in an SFU room (ms), click on Join/Start -> first requestVideoFrameCallback');
  console.info(
    table(
      ['series', 'n', 'joiner median', 'p90', 'min', 'max', 'everyone median', 'last PC connected (median)'],
      sums.map((s) => [s.label, s.joiner.n, s.joiner.median, s.joiner.p90, s.joiner.min, s.joiner.max, s.all.median, s.pc.median]),
    ),
  );
  console.info(`ratio SFU/baseline (medians): at the joiner ${r ?? '-'}, at everyone ${rAll ?? '-'} (target <= ${JOIN_RATIO_TARGET}: ${verdict(r === null ? null : r <= JOIN_RATIO_TARGET)}); against the idle-machine baseline ${rIdle ?? '-'}`);
  targets.push(judge('join to first remote frame in a 5-person SFU room, product / bare RTCPeerConnections (medians, at the joiner)', r, '<=', JOIN_RATIO_TARGET, 'x'));
  if (j.setupError) console.info(`SFU room could not be set up: ${short(j.setupError)}`);
  for (const e of j.errors.slice(0, 3)) console.info(`failed trial: ${short(e)}`);
  return {
    series: sums.map((s) => ({ label: s.label, joiner: s.joiner, all: s.all, pcConnected: s.pc, raw: s.t.map((t) => round(t.joinerFirstFrameMs)) })),
    ratio: { joinerMedian: r, allMedian: rAll, joinerMedianVsIdleBaseline: rIdle, target: JOIN_RATIO_TARGET, met: r !== null && r <= JOIN_RATIO_TARGET },
    failedTrials: j.errors.length,
    errors: j.errors,
    setupError: j.setupError,
  };
}

/** Median over the pages of each RTP stream's rate, "key median" pairs; a stream that sent nothing is shown as such. */
function streams(w: WindowResult): string {
  const keys = [...new Set(w.pages.flatMap((p) => Object.keys(p.rtpPerS)))].sort();
  const rates = keys.map((k) => [k, kB(summarize(w.pages.map((p) => p.rtpPerS[k] ?? 0)).median ?? 0)] as const);
  const silent = rates.filter(([k, v]) => v === 0 && k !== 'video').map(([k]) => k);
  return rates.filter(([, v]) => v > 0).map(([k, v]) => `${k} ${v}`).join(', ') + (silent.length ? ` (${silent.join(', ')}: nothing sent)` : '');
}

export function reportUpload(u: UploadRun): unknown {
  const single = u.rows.find((r) => r.n === 2);
  const singleRate = single ? summarize(single.window.pages.map((p) => p.bytesPerS)).median : null;
  const setRate = u.alone ? u.alone.pages[0]?.bytesPerS ?? null : null;
  const rows = u.rows.map((r) => {
    const s = summarize(r.window.pages.map((p) => p.bytesPerS));
    const ideal = r.mode === 'mesh' ? (singleRate === null ? null : (r.n - 1) * singleRate) : setRate;
    return { r, s, ideal, ratio: ratio(s.median, ideal) };
  });
  console.info('Upload per participant (kB/s, all bytes the page\'s connections sent); ideal: mesh (N-1) x the N=2 rate, SFU one simulcast set (one participant alone on Janus)');
  console.info(
    table(
      ['N', 'mode', 'median', 'min', 'max', 'ideal', 'median/ideal', 'RTP per stream, median kB/s'],
      [
        ...rows.map(({ r, s, ideal, ratio: q }) => [String(r.n), r.mode, kB(s.median ?? 0), kB(s.min ?? 0), kB(s.max ?? 0), ideal === null ? null : kB(ideal), q, streams(r.window)]),
        ...(u.alone ? [['1 alone', 'sfu', kB(setRate ?? 0), null, null, null, null, streams(u.alone)]] : []),
      ],
    ),
  );
  console.info('(no numeric target in the issue: a ratio above 1 means more upload than the ideal, below 1 less, e.g. encoders scaled down under CPU load)');
  const janus = [...u.rows.map((r) => ({ label: `${r.n} ${r.mode}`, w: r.window })), ...(u.alone ? [{ label: '1 alone sfu', w: u.alone }] : [])];
  const perPacketUs = (w: WindowResult) => (w.janusCpuS === null || w.forwardedPerS === 0 ? null : round((w.janusCpuS / (w.forwardedPerS * w.seconds)) * 1e6, 2));
  console.info('\nJanus CPU per forwarded packet: CPU seconds from /proc/<janus pid>/stat over the window / RTP packets all pages received from Janus (inbound-rtp packetsReceived)');
  console.info(
    table(
      ['N', 'Janus CPU (% of a core)', 'forwarded packets/s', 'CPU us per forwarded packet'],
      janus.map(({ label, w }) => [label, w.janusCpuS === null ? null : round((w.janusCpuS / w.seconds) * 100), round(w.forwardedPerS), perPacketUs(w)]),
    ),
  );
  if (u.error) console.info(`upload series stopped: ${short(u.error)}`);
  const fig = (w: WindowResult) => ({ seconds: round(w.seconds, 2), pages: w.pages.map((p) => ({ name: p.name, bytesPerS: Math.round(p.bytesPerS), rtpPerS: Object.fromEntries(Object.entries(p.rtpPerS).map(([k, v]) => [k, Math.round(v)])) })), forwardedPerS: round(w.forwardedPerS), janusCpuS: w.janusCpuS === null ? null : round(w.janusCpuS, 3), janusUsPerForwardedPacket: perPacketUs(w) });
  return {
    upload: rows.map(({ r, s, ideal, ratio: q }) => ({ n: r.n, mode: r.mode, settledInMs: r.settledInMs, bytesPerS: s, idealBytesPerS: ideal === null ? null : Math.round(ideal), ratioMedianToIdeal: q, window: fig(r.window) })),
    alone: u.alone ? fig(u.alone) : null,
    forwardedCountedAs: 'sum over all pages of inbound-rtp packetsReceived on connections to Janus (audio + video)',
    error: u.error,
  };
}
