/**
 * The join section of `npm run bench`: join-to-first-remote-frame of the product's 2-person mesh call against two bare
 * RTCPeerConnections with the same fake camera, alternating in one run on one machine, plus the
 * 3- and 4-person figures. Prints a table and JSON; writes tests/bench/results/latest.json.
 *
 * Both sides are timed identically, in the joiner's page: from the click on the button that
 * starts the connection (product: "Join" in the lobby, camera preview already playing;
 * baseline: "Start", media already captured) to the first requestVideoFrameCallback of the
 * remote video. Env: BENCH_TRIALS (default 12), BENCH_MULTI_TRIALS (default 5).
 */
import type { Browser } from 'playwright-core';
import { NetNamespace } from '../../harness/netns';
import { startAppServer, startStaticServer } from '../../harness/server';
import type { NsProcess } from '../../harness/server';
import { launchBrowser } from '../../harness/browser';
import { acquireRunLock, releaseRunLock } from '../../harness/run-lock';
import { baselineTrial } from './baseline-trial';
import { productTrial } from './product-trial';
import type { JoinTiming } from './product-trial';
import { ratio, round, summarize, table } from '../stats';
import type { Summary } from '../stats';
import type { SectionResult } from '../section';
import { judge } from '../targets';
import { JOIN_TARGETS } from './targets';

const TARGET_RATIO = JOIN_TARGETS.meshJoinRatio;

const TRIALS = Number(process.env.BENCH_TRIALS ?? 12);
const MULTI_TRIALS = Number(process.env.BENCH_MULTI_TRIALS ?? 5);

interface Series {
  label: string;
  joiner: number[];
  all: number[];
  pcCreated: number[];
  pcConnected: number[];
  errors: string[];
}

const series = (label: string): Series => ({ label, joiner: [], all: [], pcCreated: [], pcConnected: [], errors: [] });

async function trial(s: Series, fn: () => Promise<JoinTiming>): Promise<void> {
  try {
    const t = await fn();
    s.joiner.push(t.joinerFirstFrameMs);
    s.all.push(t.allFirstFrameMs);
    if (t.pcCreatedMs !== null) s.pcCreated.push(t.pcCreatedMs);
    if (t.pcConnectedMs !== null) s.pcConnected.push(t.pcConnectedMs);
    process.stdout.write('.');
  } catch (e) {
    s.errors.push((e as Error).message.slice(0, 2000));
    process.stdout.write('x');
  }
}

/** Join-to-first-remote-frame, product against bare RTCPeerConnections; the bench's first target. */
export async function joinBench(): Promise<SectionResult> {
  await acquireRunLock();
  const ns = NetNamespace.create();
  let web: NsProcess | undefined;
  let app: NsProcess | undefined;
  let browser: Browser | undefined;
  const baseline = series('baseline: 2 bare RTCPeerConnections');
  const mesh2 = series('product: 2-person mesh');
  const multi = [series('product: 3-person mesh'), series('product: 4-person mesh')];
  let productError: string | null = null;
  const started = Date.now();
  try {
    web = await startStaticServer(ns, __dirname);
    browser = await launchBrowser(ns, { fakeCameraFps: null });
    try {
      app = await startAppServer(ns);
    } catch (e) {
      productError = (e as Error).message;
      console.error(`The product could not be started; only the baseline is measured.\n${productError}`);
    }

    // One untimed warm-up of each, so caches and code compilation hit neither side's first trial.
    process.stdout.write('warm-up ');
    await baselineTrial(browser, web.url).catch(() => undefined);
    if (app) await productTrial(browser, app.url, 2).catch(() => undefined);

    process.stdout.write(`\n2-person, ${TRIALS} trials each, alternating `);
    for (let i = 0; i < TRIALS; i++) {
      const runs = [() => trial(baseline, () => baselineTrial(browser!, web!.url))];
      if (app) runs.push(() => trial(mesh2, () => productTrial(browser!, app!.url, 2)));
      if (i % 2 === 1) runs.reverse();
      for (const r of runs) await r();
    }
    if (app) {
      for (const s of multi) {
        const n = s === multi[0] ? 3 : 4;
        process.stdout.write(`\n${n}-person, ${MULTI_TRIALS} trials `);
        for (let i = 0; i < MULTI_TRIALS; i++) await trial(s, () => productTrial(browser!, app!.url, n));
      }
    }
    process.stdout.write('\n\n');
  } finally {
    await browser?.close().catch(() => undefined);
    await app?.stop();
    await web?.stop();
    ns.destroy();
    releaseRunLock();
  }

  const all = [baseline, mesh2, ...multi];
  const sums = all.map((s) => ({ s, joiner: summarize(s.joiner), all: summarize(s.all), pcCreated: summarize(s.pcCreated), pcConnected: summarize(s.pcConnected) }));
  const b = sums[0];
  const m = sums[1];
  const ratioJoiner = ratio(m.joiner.median, b.joiner.median);
  const ratioAll = ratio(m.all.median, b.all.median);

  const row = (label: string, x: Summary, errors: number) => [label, x.n, errors, x.median, x.p90, x.min, x.max];
  console.info('Join to first remote frame (ms), click on Join/Start -> first requestVideoFrameCallback');
  console.info(
    table(
      ['series', 'n', 'failed', 'median', 'p90', 'min', 'max'],
      sums.flatMap(({ s, joiner, all: a }) => [row(`${s.label}, at the joiner`, joiner, s.errors.length), row(`${s.label}, at everyone`, a, s.errors.length)]),
    ),
  );
  console.info('\nWhere the time goes at the joiner (medians, ms from the click)');
  console.info(
    table(
      ['series', 'first PC created', 'last PC connected', 'first frame from all'],
      sums.map(({ s, joiner, pcCreated, pcConnected }) => [s.label, pcCreated.median, pcConnected.median, joiner.median]),
    ),
  );
  console.info(`\nratio product/baseline (medians): at the joiner ${ratioJoiner ?? '-'}, at everyone ${ratioAll ?? '-'} (target <= ${TARGET_RATIO}: ${ratioJoiner === null ? 'not measured' : ratioJoiner <= TARGET_RATIO ? 'met' : 'NOT met'})`);
  for (const s of all) for (const e of s.errors.slice(0, 3)) console.info(`\n${s.label} failed trial: ${e}`);

  const result = {
    benchmark: 'join-to-first-remote-frame',
    definition:
      'ms from the click on Join (product, lobby preview playing, others already connected) or Start (baseline, media captured) to the first requestVideoFrameCallback of the remote video; "joiner" = at the joiner from every other participant, "all" = every participant from every other',
    trials: TRIALS,
    multiTrials: MULTI_TRIALS,
    durationS: Math.round((Date.now() - started) / 1000),
    productError,
    series: sums.map(({ s, joiner, all: a, pcCreated, pcConnected }) => ({
      label: s.label,
      joiner,
      all: a,
      pcCreated,
      pcConnected,
      failed: s.errors.length,
      errors: s.errors,
      rawJoiner: s.joiner.map((x) => round(x)),
      rawAll: s.all.map((x) => round(x)),
    })),
    ratio: { joinerMedian: ratioJoiner, allMedian: ratioAll, target: TARGET_RATIO, met: ratioJoiner !== null && ratioJoiner <= TARGET_RATIO },
  };
  const failed = productError !== null || all.some((s) => s.errors.length > 0 || (s !== baseline && s.joiner.length === 0 && app !== undefined));
  const targets = [judge('2-person mesh join to first remote frame, product / bare RTCPeerConnections (medians, at the joiner)', ratioJoiner, '<=', TARGET_RATIO, 'x')];
  return { result, failed, targets };
}
