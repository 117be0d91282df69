/** Turns the effects bench's raw figures into ratios against the same-run baselines, and prints them. */
import { quantile } from '../../../renderer/media/effects/stats';
import { ratio, round, table } from '../stats';
import type { CpuResult } from './cpu-trial';
import type { ResolutionResult } from './pipeline-trial';

import { judge } from '../targets';
import type { Target } from '../targets';
import { CPU_TARGET, PIPELINE_TARGET, START_GAP_TARGET_MS } from './targets';

const verdict = (r: number | null, target: number) => (r === null ? 'not measured' : r <= target ? 'met' : 'NOT met');
const fin = (x: number): number | null => (Number.isFinite(x) ? round(x) : null);

function medianP95(values: number[]): { n: number; median: number | null; p95: number | null } {
  const v = [...values].sort((a, b) => a - b);
  return { n: v.length, median: fin(quantile(v, 0.5)), p95: fin(quantile(v, 0.95)) };
}

export function pipelineReport(results: ResolutionResult[]) {
  return results.map((r) => {
    const bare = medianP95(r.bareMs);
    const full = { median: fin(r.full.stats.medianMs), p95: fin(r.full.stats.p95Ms) };
    return {
      resolution: r.label,
      camera: r.camera,
      cameraFps: round(r.cameraFps),
      bare: { ...bare, shrinkMedianMs: medianP95(r.shrinkMs).median },
      full: { ...r.full, outputFps: round(r.full.outputFps) },
      adaptive: { ...r.adaptive, outputFps: round(r.adaptive.outputFps) },
      ratio: { median: ratio(full.median, bare.median), p95: ratio(full.p95, bare.p95), target: PIPELINE_TARGET },
      /** Informational: the pipeline as shipped (adaptive), which may segment less often than every frame. */
      adaptiveRatio: ratio(fin(r.adaptive.stats.medianMs), bare.median),
    };
  });
}

/** Mean share of one core per effect state, for the renderer alone and with the GPU process (where SwiftShader's WebGL runs). */
export function cpuReport(cpu: CpuResult) {
  const mean = (effect: 'off' | 'blur', types: string[]) => {
    const w = cpu.windows.filter((x) => x.effect === effect);
    return w.reduce((a, x) => a + types.reduce((s, t) => s + (x.byType[t] ?? 0), 0), 0) / Math.max(1, w.length);
  };
  const row = (label: string, types: string[]) => {
    const off = mean('off', types);
    const on = mean('blur', types);
    return { label, offCores: round(off, 3), onCores: round(on, 3), ratio: ratio(on, off) };
  };
  return { renderer: row('renderer', ['renderer']), rendererGpu: row('renderer + GPU process', ['renderer', 'gpu-process']), all: row('all Chromium processes', [...new Set(cpu.windows.flatMap((w) => Object.keys(w.byType)))]) };
}

export function printPipeline(rows: ReturnType<typeof pipelineReport>): void {
  console.info('Per-frame processing time (ms) with blur (light) on the same fake-camera frames; output rate from requestVideoFrameCallback');
  console.info(
    table(
      ['resolution', 'series', 'frames', 'median', 'p95', 'of which segment (mean)', 'output fps', 'level', 'segment every'],
      rows.flatMap((r) => [
        [r.resolution, `bare MediaPipe inference (256x144, camera ${round(r.cameraFps)} fps)`, r.bare.n, r.bare.median, r.bare.p95, '-', '-', '-', '-'],
        [r.resolution, 'pipeline, full quality (segments every frame)', r.full.stats.frames, fin(r.full.stats.medianMs), fin(r.full.stats.p95Ms), fin(r.full.stats.segmentMs), r.full.outputFps, r.full.stats.level, r.full.stats.segmentEvery],
        [r.resolution, 'pipeline as shipped (adaptive, 24 fps budget)', r.adaptive.stats.frames, fin(r.adaptive.stats.medianMs), fin(r.adaptive.stats.p95Ms), fin(r.adaptive.stats.segmentMs), r.adaptive.outputFps, r.adaptive.stats.level, r.adaptive.stats.segmentEvery],
      ]),
    ),
  );
}

/** The section's verdicts: every resolution's pipeline ratio, and the lobby CPU ratios (renderer, renderer + GPU). */
export function effectsTargets(rows: ReturnType<typeof pipelineReport>, cpu: ReturnType<typeof cpuReport> | null): Target[] {
  return [
    ...rows.map((r) => judge(`blur pipeline (full quality) / bare inference, median per frame, ${r.resolution}`, r.ratio.median, '<=', PIPELINE_TARGET, 'x')),
    ...rows.map((r) => judge(`largest output frame gap in the 3 s after the effect is ready (as shipped), ${r.resolution}`, fin(r.adaptive.startMaxGapMs), '<=', START_GAP_TARGET_MS, 'ms')),
    ...(cpu ? [cpu.renderer, cpu.rendererGpu] : [null, null]).map((c, i) =>
      judge(`${c?.label ?? ['renderer', 'renderer + GPU process'][i]} CPU in the lobby, blur on / off`, c?.ratio ?? null, '<=', CPU_TARGET, 'x'),
    ),
  ];
}

export function printTargets(rows: ReturnType<typeof pipelineReport>, cpu: ReturnType<typeof cpuReport> | null): void {
  console.info('\nTargets');
  const lines: (string | number | null)[][] = rows.map((r) => [
    `pipeline (full quality) / bare inference, median, ${r.resolution}`,
    r.ratio.median,
    `<= ${PIPELINE_TARGET}`,
    verdict(r.ratio.median, PIPELINE_TARGET),
  ]);
  for (const r of rows) {
    const out = `output ${r.adaptive.outputFps} fps of camera ${r.cameraFps}, level ${r.adaptive.stats.level}`;
    lines.push([`(info, no target) pipeline as shipped (adaptive) / bare inference, median, ${r.resolution}; ${out}`, r.adaptiveRatio, '-', '-']);
  }
  for (const r of rows) {
    const gap = fin(r.adaptive.startMaxGapMs);
    lines.push([`largest output frame gap (ms) in the 3 s after the effect is ready (as shipped), ${r.resolution}`, gap, `<= ${START_GAP_TARGET_MS}`, verdict(gap, START_GAP_TARGET_MS)]);
  }
  for (const c of cpu ? [cpu.renderer, cpu.rendererGpu] : []) {
    lines.push([`${c.label} CPU, blur on / off (lobby; ${c.onCores} / ${c.offCores} cores)`, c.ratio, `<= ${CPU_TARGET}`, verdict(c.ratio, CPU_TARGET)]);
  }
  console.info(table(['measure', 'ratio', 'target', 'met?'], lines));
}
