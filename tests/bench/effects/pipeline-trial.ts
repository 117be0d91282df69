/**
 * Per resolution, in one page on one camera: bare MediaPipe inference, the pipeline with blur at
 * full quality (segmentation every frame) and as shipped (adaptive), then bare inference again, so
 * a drift of the machine during the run hits both sides.
 */
import type { Browser } from 'playwright-core';
import { newTestPage } from '../../harness/browser';
import { waitFor } from '../../harness/probes';
import type { CameraInfo, EffectsBenchApi, PipelineMode, PipelineResult } from './api';

export const RESOLUTIONS = [
  { width: 640, height: 360 },
  { width: 1280, height: 720 },
] as const;

const BARE_FRAMES = Number(process.env.BENCH_EFFECTS_FRAMES ?? 100);
const WARM_MS = 3000;
const MEASURE_MS = Number(process.env.BENCH_EFFECTS_WINDOW_MS ?? 10_000);

export interface ResolutionResult {
  label: string;
  camera: CameraInfo;
  cameraFps: number;
  /** ms per inference, both bare rounds together. */
  bareMs: number[];
  shrinkMs: number[];
  full: PipelineResult;
  adaptive: PipelineResult;
}

type Call = <K extends keyof EffectsBenchApi>(name: K, ...args: Parameters<EffectsBenchApi[K]>) => Promise<Awaited<ReturnType<EffectsBenchApi[K]>>>;

export async function pipelineTrial(browser: Browser, baseUrl: string, log: (s: string) => void): Promise<ResolutionResult[]> {
  const tp = await newTestPage(browser, 'effects-bench', baseUrl);
  try {
    await tp.page.goto(`${baseUrl}/index.html`);
    await waitFor('bench page ready', () => tp.page.locator('#status').textContent(), (s) => s === 'ready', { timeoutMs: 20_000 });
    const call: Call = (name, ...args) =>
      tp.page
        .evaluate(([n, a]) => (window as unknown as { effectsBench: Record<string, (...x: unknown[]) => unknown> }).effectsBench[n](...a), [name, args] as const)
        .catch((e: Error) => {
          throw new Error(`${name} failed in the page: ${e.message}\n${tp.diagnostics()}`);
        }) as never;
    const out: ResolutionResult[] = [];
    for (const { width, height } of RESOLUTIONS) {
      const label = `${width}x${height}`;
      const camera = await call('openCamera', width, height);
      if (camera.width !== width || camera.height !== height) throw new Error(`the fake camera gave ${camera.width}x${camera.height}, not ${label}`);
      log(`${label}: camera`);
      const cameraFps = await call('cameraFps', 3000);
      log(' bare');
      const first = await call('bareInference', BARE_FRAMES / 2, 10);
      const runs: Partial<Record<PipelineMode, PipelineResult>> = {};
      for (const mode of ['full', 'adaptive'] as const) {
        log(` ${mode}`);
        runs[mode] = await call('pipeline', mode, WARM_MS, MEASURE_MS);
      }
      log(' bare\n');
      const second = await call('bareInference', BARE_FRAMES / 2, 3);
      out.push({
        label,
        camera,
        cameraFps,
        bareMs: [...first.inferMs, ...second.inferMs],
        shrinkMs: [...first.shrinkMs, ...second.shrinkMs],
        full: runs.full!,
        adaptive: runs.adaptive!,
      });
    }
    return out;
  } finally {
    await tp.close();
  }
}
