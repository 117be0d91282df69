/**
 * The effects section of `npm run bench`: background blur's per-frame cost and output rate at
 * 640x360 and 1280x720 against bare MediaPipe inference on the same frames in the same page, and
 * Chromium's CPU in the product's lobby with the effect on against off.
 *
 * Headless Chromium here has no GPU: WebGL (the compositor) is rendered in software by
 * SwiftShader, and the app then runs MediaPipe on the CPU (WASM). The figures are what this
 * machine measures under those conditions, not what a laptop with a GPU would show.
 *
 * Env: BENCH_EFFECTS_FRAMES (bare inferences per resolution, default 100),
 * BENCH_EFFECTS_WINDOW_MS (pipeline window, default 10000), BENCH_EFFECTS_CPU_WINDOW_MS (default 10000).
 */
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../../harness/browser';
import { NetNamespace } from '../../harness/netns';
import { acquireRunLock, releaseRunLock } from '../../harness/run-lock';
import { startAppServer, type NsProcess } from '../../harness/server';
import type { SectionResult } from '../section';
import { cpuTrial, type CpuResult } from './cpu-trial';
import { startBenchPage } from './page-server';
import { pipelineTrial, type ResolutionResult } from './pipeline-trial';
import { cpuReport, effectsTargets, pipelineReport, printPipeline, printTargets } from './report';
import { CPU_TARGET } from './targets';

const log = (s: string) => process.stdout.write(s);

export async function effectsBench(): Promise<SectionResult> {
  await acquireRunLock();
  const ns = NetNamespace.create();
  let page: NsProcess | undefined;
  let app: NsProcess | undefined;
  let browser: Browser | undefined;
  let frames: ResolutionResult[] = [];
  let cpu: CpuResult | null = null;
  const errors: string[] = [];
  const started = Date.now();
  try {
    page = await startBenchPage(ns);
    app = await startAppServer(ns);
    browser = await launchBrowser(ns, { fakeCameraFps: null });
    frames = await pipelineTrial(browser, page.url, log).catch((e: Error) => (errors.push(`pipeline: ${e.message}`), []));
    log('lobby CPU, effect');
    cpu = await cpuTrial(browser, app.url, log).catch((e: Error) => (errors.push(`cpu: ${e.message}`), null));
    log('\n\n');
  } catch (e) {
    errors.push(`set-up: ${(e as Error).message}`);
  } finally {
    await browser?.close().catch(() => undefined);
    await app?.stop();
    await page?.stop();
    ns.destroy();
    releaseRunLock();
  }

  const rows = pipelineReport(frames);
  const cpuRows = cpu ? cpuReport(cpu) : null;
  const software = frames[0]?.camera.softwareWebGL;
  console.info(
    software === false
      ? 'WebGL here is hardware-accelerated.'
      : 'NOTE: headless Chromium here renders WebGL in software (SwiftShader, --disable-gpu) and MediaPipe runs its CPU (WASM) path; these are the figures this machine measures, not a GPU laptop\'s.',
  );
  if (rows.length) printPipeline(rows);
  if (cpu && cpuRows) {
    console.info(`\nChromium CPU in the product's lobby (camera preview ${cpu.previewSize} with blur), /proc/<pid>/stat utime+stime over ${cpu.windowMs / 1000} s windows, off/on alternating x2; cores busy (1 = one core):`);
    for (const w of cpu.windows) console.info(`  ${w.effect.padEnd(4)} ${Object.entries(w.byType).map(([t, v]) => `${t} ${v.toFixed(3)}`).join(', ')}`);
    if (cpu.pageErrors.length) console.info(`  lobby page errors: ${cpu.pageErrors.slice(0, 8).join(' | ')}`);
  }
  printTargets(rows, cpuRows);
  for (const e of errors) console.info(`\ncould not measure: ${e.slice(0, 3000)}`);

  const result = {
    benchmark: 'background-effects',
    definition:
      'pipeline per-frame ms = EffectPipeline\'s own stats (shrink + segmentation + WebGL composite + output) with blur light; bare = MediaPipe send() on the same camera frames shrunk to 256x144 (landscape model); output fps = requestVideoFrameCallback on a <video> of the processed track; CPU = /proc utime+stime of Chromium processes in the lobby, blur on vs off',
    softwareWebGL: software ?? null,
    durationS: Math.round((Date.now() - started) / 1000),
    resolutions: rows,
    cpu: cpu ? { ...cpuRows, raw: cpu, target: CPU_TARGET } : null,
    errors,
  };
  return { result, failed: errors.length > 0 || rows.length === 0 || cpu === null, targets: effectsTargets(rows, cpuRows) };
}
