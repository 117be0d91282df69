/**
 * The sfu section of `npm run bench`, on the bundled Janus in one test namespace and one Chromium
 * (or one per participant: BENCH_SFU_BROWSERS):
 *
 * 1. switch gap: 4 in mesh, a 5th joins (→ SFU) and leaves (→ mesh after a 2 s hold-down),
 *    BENCH_SFU_SWITCHES times (default 20, every one must complete); per remote tile, the largest frame gap (target < 200 ms),
 *    next to the same reading over 10 s of a steady mesh (the machine's own stalls, no switch);
 *    judged with the warm SFU path (SFU_PREWARM=on, the default), then the same cycles on a server
 *    with SFU_PREWARM=off (BENCH_SFU_COLD_SWITCHES, default 5), printed beside it for comparison (part `switch-cold`);
 * 2. join to first remote frame of a 6th joining a 5-person SFU room, against the join bench's
 *    bare-RTCPeerConnection baseline alternated in the same run (BENCH_SFU_JOIN_TRIALS, default 5;
 *    target ratio <= 2.0);
 * 3. upload bytes/s per participant at N = 2..6 against the ideal, and 4. Janus CPU per forwarded
 *    packet, on a second server whose long hold-down keeps the room on Janus when it shrinks
 *    (BENCH_SFU_SETTLE_S before each BENCH_SFU_WINDOW_S window, defaults 4 and 6).
 *
 * The server and Janus run at niceness BENCH_SFU_SERVER_NICE (default -10; see SERVER_NICE).
 * Chromium runs with the desktop app's field trials (main/webrtc/field-trials.ts), so all three
 * simulcast layers flow as they do in the app (a plain browser sends two from a 640x360 camera).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchBrowser, newTestPage } from '../../harness/browser';
import type { BrowserOptions } from '../../harness/browser';
import { WEBRTC_FIELD_TRIALS, mergeFieldTrials } from '../../../main/webrtc/field-trials';
import { NetNamespace } from '../../harness/netns';
import { acquireRunLock, releaseRunLock } from '../../harness/run-lock';
import { startAppServer, startStaticServer } from '../../harness/server';
import type { NsProcess } from '../../harness/server';
import { JANUS_PORTS } from '../../e2e/sfu-probes';
import type { SectionResult } from '../section';
import { round } from '../stats';
import { findJanusPid } from './janus-cpu';
import { sfuJoinSeries } from './join-sfu';
import type { JoinSeries } from './join-sfu';
import { reportJoin, reportSwitch, reportUpload } from './report';
import type { Target } from '../targets';
import { switchCycles } from './switch-gap';
import type { SwitchRun } from './switch-gap';
import { uploadSeries } from './upload';
import type { PageSource } from './room';
import type { UploadRun } from './upload';

const RESULTS_DIR = join(__dirname, '..', 'results');
const SWITCHES = Number(process.env.BENCH_SFU_SWITCHES ?? 20);
const COLD_SWITCHES = Number(process.env.BENCH_SFU_COLD_SWITCHES ?? 5);
const JOIN_TRIALS = Number(process.env.BENCH_SFU_JOIN_TRIALS ?? 5);
const SETTLE_S = Number(process.env.BENCH_SFU_SETTLE_S ?? 4);
const WINDOW_S = Number(process.env.BENCH_SFU_WINDOW_S ?? 6);
/**
 * The niceness of the server and its Janus (harness/server.ts `nice`): they take the CPU first, as
 * on the machine of their own a real call gives them, so the figures are the pages' and not a
 * starved server's. It did not cure what the 5 pages' load does to the switch: in two runs of
 * 12-06 (load average 24-28 on 2 cores), at niceness 0 and at -10 alike, the pages measured
 * 27-89 % loss on loopback, requests went unanswered for 10 s (sfu:answer, sfu:configure, even
 * sfu:switched, which the server answers at once), a page's signaling socket dropped, and a cycle
 * never completed: the pages themselves are starved. BENCH_SFU_SERVER_NICE=0 runs it at 0.
 */
const SERVER_NICE = Number(process.env.BENCH_SFU_SERVER_NICE ?? -10);
/**
 * BENCH_SFU_BROWSERS: `shared` (the default) puts every page in one Chromium, a context each;
 * `own` gives every participant a Chromium of its own, as each user of a real call has (its own
 * network service, audio and media threads). Tried on 12-06 to test whether the one shared network
 * service starves the pages: on 2 cores it was worse (load average 41 against 24-28, a cycle failed
 * within the first two, pages took up to 13.4 s to apply a subscriber offer); for larger machines.
 */
const BROWSERS = process.env.BENCH_SFU_BROWSERS ?? 'shared';
/** Which parts to run (switch,join,upload), for development; all by default. */
const PARTS = (process.env.BENCH_SFU_PARTS ?? 'switch,switch-cold,join,upload').split(',');

const sfuEnv = (holdDownS: number, prewarm: boolean): Record<string, string> => ({
  JANUS_BUNDLED: 'on',
  JANUS_RTP_PORTS: `${JANUS_PORTS.min}-${JANUS_PORTS.max}`,
  TOPOLOGY_HOLDDOWN_SECONDS: String(holdDownS),
  SFU_PREWARM: prewarm ? 'on' : 'off',
  // BENCH_SFU_LOG_LEVEL=debug: the server's Janus negotiation trace in the kept server log.
  ...(process.env.BENCH_SFU_LOG_LEVEL ? { LOG_LEVEL: process.env.BENCH_SFU_LOG_LEVEL } : {}),
});

/**
 * Runs `fn` against a fresh app server with the bundled Janus and the given hold-down, stopped
 * afterwards; its log is kept in tests/bench/results/ for a failed or strange run.
 */
async function withApp<T>(ns: NetNamespace, holdDownS: number, fn: (app: NsProcess) => Promise<T>, prewarm = true): Promise<T> {
  const app = await startAppServer(ns, { env: sfuEnv(holdDownS, prewarm), nice: SERVER_NICE });
  try {
    return await fn(app);
  } finally {
    mkdirSync(RESULTS_DIR, { recursive: true });
    writeFileSync(join(RESULTS_DIR, `sfu-server-holddown-${holdDownS}s${prewarm ? '' : '-cold'}.log`), app.log(2_000_000));
    await app.stop();
  }
}

export async function sfuBench(): Promise<SectionResult> {
  await acquireRunLock();
  const started = Date.now();
  const loadAtStart = loadavg()[0];
  const ns = NetNamespace.create();
  let web: NsProcess | undefined;
  let browser: Browser | undefined;
  const got: { switching?: SwitchRun; cold?: SwitchRun; joining?: JoinSeries; upload?: UploadRun } = {};
  try {
    web = await startStaticServer(ns, join(__dirname, '..', 'join'));
    const baselineUrl = web.url;
    const opts: BrowserOptions = { fakeCameraFps: null, fieldTrials: mergeFieldTrials('', WEBRTC_FIELD_TRIALS) };
    const b = (browser = await launchBrowser(ns, opts));
    const pages: PageSource =
      BROWSERS === 'shared'
        ? (name, origin) => newTestPage(b, name, origin, { decodeProbe: true })
        : async (name, origin) => {
            const own = await launchBrowser(ns, opts);
            return newTestPage(own, name, origin, { decodeProbe: true, ownsBrowser: true }).catch(async (e: unknown) => {
              await own.close().catch(() => undefined);
              throw e;
            });
          };
    if (PARTS.includes('switch') || PARTS.includes('join')) {
      await withApp(ns, 2, async (app) => {
        if (PARTS.includes('switch')) {
          process.stdout.write(`switches (${SWITCHES} cycles) `);
          got.switching = await switchCycles(pages, app.url, SWITCHES);
        }
        if (PARTS.includes('join')) {
          process.stdout.write(`\njoin into SFU, ${JOIN_TRIALS} trials each, alternating, then the baseline alone `);
          got.joining = await sfuJoinSeries(pages, b, app.url, baselineUrl, JOIN_TRIALS);
        }
      });
    }
    if (PARTS.includes('switch-cold')) {
      process.stdout.write(`\nswitches without the warm SFU path (SFU_PREWARM=off, ${COLD_SWITCHES} cycles) `);
      got.cold = await withApp(ns, 2, (app) => switchCycles(pages, app.url, COLD_SWITCHES), false);
    }
    if (PARTS.includes('upload')) {
      // Long hold-down: the room stays on Janus while it shrinks to one (the SFU ideal's measurement).
      process.stdout.write('\nupload N = 2..6 and alone ');
      got.upload = await withApp(ns, 600, (app) => uploadSeries(pages, app.url, findJanusPid(app.child.pid!), { settleS: SETTLE_S, windowS: WINDOW_S }));
    }
    process.stdout.write('\n\n');
  } finally {
    await browser?.close().catch(() => undefined);
    await web?.stop();
    ns.destroy();
    releaseRunLock();
  }
  const result: Record<string, unknown> = { serverNice: SERVER_NICE, durationS: Math.round((Date.now() - started) / 1000), switches: SWITCHES, coldSwitches: COLD_SWITCHES, joinTrials: JOIN_TRIALS, settleS: SETTLE_S, windowS: WINDOW_S };
  const { switching, cold, joining, upload } = got;
  // Other work on this machine (not under the run lock) slows every figure: say how busy it was before this section's own load.
  result.loadAverage1mAtStart = round(loadAtStart, 2);
  console.info(`machine: ${cpus().length} cores, 1-minute load average ${round(loadAtStart, 2)} when the section started (before its own browser; a run that held the lock just before counts in it); the server and Janus at niceness ${SERVER_NICE}, the pages as Chromium sets them (0)\n`);
  const targets: Target[] = [];
  if (switching) result.switchGap = reportSwitch(switching, targets);
  if (cold) {
    console.info('\nThe same without the warm SFU path (SFU_PREWARM=off), for comparison; not judged:');
    result.switchGapCold = reportSwitch(cold, []);
  }
  if (joining) {
    console.info('');
    result.join = reportJoin(joining, targets);
  }
  if (upload) {
    console.info('');
    result.upload = reportUpload(upload);
  }
  // A missed target is printed, not failed; a measurement that could not be taken fails the section.
  const failed =
    (!!switching && (switching.errors.length > 0 || switching.toSfu.length === 0 || switching.toMesh.length === 0)) ||
    (!!cold && (cold.toSfu.length === 0 || cold.toMesh.length === 0)) ||
    (!!joining && (joining.setupError !== null || joining.errors.length > 0 || joining.sfu.length === 0)) ||
    (!!upload && (upload.error !== null || upload.alone === null));
  return { result, failed, targets };
}
