/**
 * Where CPU goes in a steady 4-person P2P mesh (the SFU bench's server + browser setup).
 * Run:  CONFER_E2E_NO_BUILD=1 npx tsx tests/tools/profile-mesh/profile.ts
 * Env:  PROFILE_WINDOW_S (15), PROFILE_SETTLE_S (20), PROFILE_FPS (unset = bench: page decides; e.g. 8 = e2e),
 *       PROFILE_DECODE_PROBE (1 = bench's decode probes on; 0 = off), PROFILE_OUT (/tmp/profile-mesh/out),
 *       PROFILE_COUNTERS (1 = wrap getStats/getSynchronizationSources/play/Intl.NumberFormat/observers to count calls; 0 = off)
 * Then: npx tsx tests/tools/profile-mesh/summary.ts [outdir]  prints the tables.
 * Windows: A = no profiler (process/thread CPU + Performance.getMetrics), B = CDP Profiler on Ada (+ CPU again).
 */
process.env.CONFER_E2E_NO_BUILD = '1';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, CDPSession } from 'playwright-core';
import { SourceMapConsumer } from 'source-map';
import { launchBrowser, newTestPage } from '../../harness/browser';
import { NetNamespace } from '../../harness/netns';
import { acquireRunLock, releaseRunLock } from '../../harness/run-lock';
import { startAppServer } from '../../harness/server';
import type { NsProcess } from '../../harness/server';
import { CallUser } from '../../harness/ui';
import { BenchRoom } from '../../bench/sfu/room';
import { JANUS_PORTS } from '../../e2e/sfu-probes';
import { WEBRTC_FIELD_TRIALS, mergeFieldTrials } from '../../../main/webrtc/field-trials';
import { descendantsOf } from '../../bench/signaling/proc-stats';

const WINDOW_S = Number(process.env.PROFILE_WINDOW_S ?? 15);
const SETTLE_S = Number(process.env.PROFILE_SETTLE_S ?? 20);
const FPS = process.env.PROFILE_FPS ? Number(process.env.PROFILE_FPS) : null;
const DECODE_PROBE = process.env.PROFILE_DECODE_PROBE !== '0';
const COUNTERS = process.env.PROFILE_COUNTERS !== '0';
const OUT = process.env.PROFILE_OUT ?? '/tmp/profile-mesh/out';
const NAMES = ['Ada', 'Ben', 'Cy', 'Dee'];
const DIST_ASSETS = join(__dirname, '../../../dist/renderer/assets');
const log = (...a: unknown[]) => console.log(`[${new Date().toISOString().slice(11, 19)}]`, ...a);
const AUDIO_CTX_SPY = `(() => {
  const Orig = window.AudioContext; if (!Orig) return;
  const all = (window.__audioCtxs = []);
  window.AudioContext = class extends Orig { constructor(...a) { super(...a); all.push(this); } };
})();`;
/** Counts (and times) the calls the profile points at; window A reads the counts over its 15 s. */
const CALL_COUNTERS = `(() => {
  const c = (window.__calls = {});
  const bump = (k, ms) => { const e = (c[k] ??= { n: 0, ms: 0 }); e.n++; e.ms += ms || 0; };
  const wrapSync = (proto, name, key) => { const f = proto && proto[name]; if (!f) return;
    proto[name] = function (...a) { const t = performance.now(); try { return f.apply(this, a); } finally { bump(key, performance.now() - t); } }; };
  const wrapAsync = (proto, name, key) => { const f = proto && proto[name]; if (!f) return;
    proto[name] = function (...a) { const t = performance.now(); const p = f.apply(this, a); Promise.resolve(p).finally(() => bump(key, performance.now() - t)); return p; }; };
  wrapAsync(window.RTCPeerConnection && RTCPeerConnection.prototype, 'getStats', 'pc.getStats (ms = resolve latency)');
  wrapSync(window.RTCRtpReceiver && RTCRtpReceiver.prototype, 'getSynchronizationSources', 'receiver.getSynchronizationSources (ms = main thread blocked)');
  wrapSync(window.RTCRtpSender && RTCRtpSender.prototype, 'getParameters', 'sender.getParameters');
  wrapAsync(window.RTCRtpSender && RTCRtpSender.prototype, 'setParameters', 'sender.setParameters');
  wrapAsync(HTMLMediaElement.prototype, 'play', 'video.play()');
  wrapSync(AnalyserNode.prototype, 'getFloatTimeDomainData', 'analyser.getFloatTimeDomainData');
  const ctor = (obj, name, key) => { const C = obj[name]; if (!C) return;
    obj[name] = new Proxy(C, { construct(t, a, nt) { const s = performance.now(); try { return Reflect.construct(t, a, nt); } finally { bump(key, performance.now() - s); } } }); };
  ctor(Intl, 'NumberFormat', 'new Intl.NumberFormat');
  ctor(window, 'IntersectionObserver', 'new IntersectionObserver');
  ctor(window, 'ResizeObserver', 'new ResizeObserver');
})();`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---------- /proc sampling ----------
const CLK = 100;
function statTicks(path: string): number | null {
  try {
    const s = readFileSync(path, 'utf8');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    return Number(f[11]) + Number(f[12]);
  } catch {
    return null;
  }
}
const readStr = (p: string) => {
  try {
    return readFileSync(p, 'utf8');
  } catch {
    return '';
  }
};
function procType(pid: number): string {
  const cmd = readStr(`/proc/${pid}/cmdline`).split(/[\0 ]/); // Chromium rewrites its argv: one space-separated string
  const t = cmd.find((a) => a.startsWith('--type='));
  if (!t) return 'browser';
  const type = t.slice(7);
  if (type === 'utility') {
    const sub = cmd.find((a) => a.startsWith('--utility-sub-type='));
    return `utility:${sub ? sub.slice(19).split('.').slice(-1)[0] : '?'}`;
  }
  return type;
}
interface Snap {
  t: number;
  machineBusy: number; // ticks user+nice+system, all cores
  proc: Map<number, number>;
  threads: Map<string, number>; // "pid/tid" -> ticks
  tname: Map<string, string>;
}
function machineTicks(): number {
  const [u, n, s] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  return u + n + s;
}
function snap(pids: number[]): Snap {
  const s: Snap = { t: performance.now(), machineBusy: machineTicks(), proc: new Map(), threads: new Map(), tname: new Map() };
  for (const pid of pids) {
    const v = statTicks(`/proc/${pid}/stat`);
    if (v !== null) s.proc.set(pid, v);
    let tids: string[] = [];
    try {
      tids = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tids) {
      const tv = statTicks(`/proc/${pid}/task/${tid}/stat`);
      if (tv === null) continue;
      const key = `${pid}/${tid}`;
      s.threads.set(key, tv);
      s.tname.set(key, Number(tid) === pid ? 'main' : readStr(`/proc/${pid}/task/${tid}/comm`).trim().replace(/\d+/g, '#'));
    }
  }
  return s;
}
interface Labeled {
  pid: number;
  label: string;
}
function cpuReport(a: Snap, b: Snap, procs: Labeled[]) {
  const secs = (b.t - a.t) / 1000;
  const pct = (ticks: number) => Math.round(((ticks / CLK) / secs) * 1000) / 10; // % of one core
  const perProc = procs
    .map((p) => ({ ...p, pct: b.proc.has(p.pid) && a.proc.has(p.pid) ? pct(b.proc.get(p.pid)! - a.proc.get(p.pid)!) : null }))
    .sort((x, y) => (y.pct ?? 0) - (x.pct ?? 0));
  const byType = new Map<string, number>();
  for (const p of perProc) {
    const type = p.label.replace(/\(.*\)/, '').replace(/#\d+$/, '').trim();
    byType.set(type, (byType.get(type) ?? 0) + (p.pct ?? 0));
  }
  // threads grouped by process label type + thread name
  const threads = new Map<string, number>();
  const labelOf = new Map(procs.map((p) => [p.pid, p.label]));
  for (const [key, tv] of b.threads) {
    const before = a.threads.get(key);
    if (before === undefined) continue;
    const pid = Number(key.split('/')[0]);
    const type = (labelOf.get(pid) ?? '?').replace(/\(.*\)/, '').replace(/#\d+$/, '').trim();
    const k = `${type} :: ${b.tname.get(key)}`;
    threads.set(k, (threads.get(k) ?? 0) + pct(tv - before));
  }
  return {
    seconds: Math.round(secs * 10) / 10,
    machineBusyPctOfOneCore: pct(b.machineBusy - a.machineBusy),
    perProcess: perProc,
    byType: Object.fromEntries([...byType].sort((x, y) => y[1] - x[1]).map(([k, v]) => [k, Math.round(v * 10) / 10])),
    threadsTop: [...threads].filter(([, v]) => v >= 0.5).sort((x, y) => y[1] - x[1]).slice(0, 40).map(([k, v]) => `${v.toFixed(1).padStart(6)}%  ${k}`),
  };
}

// ---------- CPU profile aggregation ----------
interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
  scriptId: string;
}
interface ProfNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface Profile {
  nodes: ProfNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}
const maps = new Map<string, SourceMapConsumer | null>();
function consumerFor(url: string): SourceMapConsumer | null {
  const m = /\/assets\/([^/?#]+\.js)$/.exec(url);
  if (!m) return null;
  if (!maps.has(m[1])) {
    try {
      maps.set(m[1], new SourceMapConsumer(JSON.parse(readFileSync(join(DIST_ASSETS, `${m[1]}.map`), 'utf8'))));
    } catch {
      maps.set(m[1], null);
    }
  }
  return maps.get(m[1]) ?? null;
}
function resolveFrame(cf: CallFrame): { where: string; orig: string } {
  const short = cf.url.replace(/^https?:\/\/[^/]+/, '') || '(no url)';
  const minified = `${cf.functionName || '(anon)'} ${short}:${cf.lineNumber + 1}:${cf.columnNumber + 1}`;
  const c = cf.url ? consumerFor(cf.url) : null;
  if (!c || cf.lineNumber < 0) return { where: minified, orig: '' };
  const p = c.originalPositionFor({ line: cf.lineNumber + 1, column: Math.max(0, cf.columnNumber) });
  if (!p.source) return { where: minified, orig: '' };
  const src = p.source.replace(/^(\.\.\/)+/, '').replace(/^.*node_modules\//, 'node_modules/');
  return { where: minified, orig: `${p.name ?? ''} ${src}:${p.line}:${p.column}` };
}
/**
 * The sampler is wall-clock and starves on a saturated 2-core machine (far fewer samples than 1/ms, deltas of
 * 1-150 ms), so shares are by sample count (each sample = one observation of the main thread), with wall ms
 * (timeDeltas) beside. A native frame with no script (forEach on an RTCStatsReport, getSynchronizationSources)
 * is reported with the JS function that called it.
 */
function aggregate(profile: Profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const isSpecial = (cf: CallFrame) => /^\(.*\)$/.test(cf.functionName);
  const label = (cf: CallFrame) => {
    if (isSpecial(cf)) return cf.functionName;
    const r = resolveFrame(cf);
    return r.orig ? `${cf.functionName || '(anon)'} → ${r.orig}` : r.where;
  };
  const leafLabel = (id: number): string => {
    const cf = byId.get(id)!.callFrame;
    if (cf.url || isSpecial(cf)) return label(cf);
    // up to the nearest frame with a script (skips this script's own call-counter wrappers, which have none)
    let p = parent.get(id);
    while (p !== undefined && !byId.get(p)!.callFrame.url && byId.get(p)!.callFrame.functionName !== '(root)') p = parent.get(p);
    const pcf = p !== undefined ? byId.get(p)!.callFrame : null;
    return `[native ${cf.functionName}] ← ${pcf && pcf.functionName !== '(root)' ? label(pcf) : '(root)'}`;
  };
  const fileOf = (cf: CallFrame): string => {
    if (isSpecial(cf)) return cf.functionName;
    const r = resolveFrame(cf);
    if (r.orig) return r.orig.split(' ').slice(-1)[0].replace(/:\d+:\d+$/, '');
    return cf.url ? cf.url.replace(/^https?:\/\/[^/]+/, '') : '';
  };
  const n = profile.samples.length;
  const self = new Map<string, { c: number; us: number }>();
  const incl = new Map<string, { c: number; us: number }>();
  const byFile = new Map<string, { c: number; us: number }>();
  const add = (m: Map<string, { c: number; us: number }>, k: string, us: number) => {
    const e = m.get(k) ?? { c: 0, us: 0 };
    e.c += 1;
    e.us += us;
    m.set(k, e);
  };
  for (let i = 0; i < n; i++) {
    const id = profile.samples[i];
    const us = Math.max(0, profile.timeDeltas[i + 1] ?? 0);
    add(self, leafLabel(id), us);
    // self by source file: a native leaf counts for the file of its nearest caller with a script
    let fid: number | undefined = id;
    while (fid !== undefined && !byId.get(fid)!.callFrame.url && !isSpecial(byId.get(fid)!.callFrame)) fid = parent.get(fid);
    add(byFile, fid === undefined ? '(native, no JS caller)' : fileOf(byId.get(fid)!.callFrame) || '(?)', us);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const cf = byId.get(cur)!.callFrame;
      if (!cf.url) continue;
      const k = label(cf);
      if (!seen.has(k)) {
        seen.add(k);
        add(incl, k, us);
      }
    }
  }
  const totalUs = profile.timeDeltas.slice(1).reduce((a, b) => a + Math.max(0, b), 0);
  const row = ([k, e]: [string, { c: number; us: number }]) => ({ pct: Math.round((e.c / n) * 1000) / 10, samples: e.c, wallMs: Math.round(e.us / 1000), what: k });
  const special = ['(program)', '(idle)', '(garbage collector)'].map((k) => row([k, self.get(k) ?? { c: 0, us: 0 }]));
  const js = n - special.reduce((a, r) => a + r.samples, 0);
  return {
    wallMs: Math.round((profile.endTime - profile.startTime) / 1000),
    sampledWallMs: Math.round(totalUs / 1000),
    samples: n,
    samplesPerS: Math.round(n / ((profile.endTime - profile.startTime) / 1e6)),
    special,
    jsSamples: js,
    topSelf: [...self].filter(([k]) => !special.some((r) => r.what === k)).sort((a, b) => b[1].c - a[1].c).slice(0, 40).map(row),
    selfByFile: [...byFile].sort((a, b) => b[1].c - a[1].c).slice(0, 30).map(row),
    inclusive: [...incl].sort((a, b) => b[1].c - a[1].c).slice(0, 50).map(row),
  };
}

// ---------- main ----------
async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  log('waiting for the run lock (up to 60 min)…');
  await acquireRunLock(60 * 60_000);
  log('lock held');
  const ns = NetNamespace.create();
  let browser: Browser | undefined;
  let app: NsProcess | undefined;
  let room: BenchRoom | undefined;
  try {
    app = await startAppServer(ns, {
      env: { JANUS_BUNDLED: 'on', JANUS_RTP_PORTS: `${JANUS_PORTS.min}-${JANUS_PORTS.max}`, TOPOLOGY_HOLDDOWN_SECONDS: '2', SFU_PREWARM: 'on' },
    });
    log('server', app.url, 'pid', app.child.pid);
    browser = await launchBrowser(ns, { fakeCameraFps: FPS, fieldTrials: mergeFieldTrials('', WEBRTC_FIELD_TRIALS) });
    const bpid = (browser as unknown as { process?: () => { pid?: number } | null }).process?.()?.pid;
    // playwright's Browser from launch() has no process(); find chromium below the netns: use descendants of our own pid
    const chromiumPids = (): number[] => descendantsOf(process.pid).filter((p) => /chrom/.test(readStr(`/proc/${p}/comm`)));
    log('browser pid (playwright)', bpid, 'chromium pids', chromiumPids().length);

    const b = browser;
    room = new BenchRoom((name, origin) => newTestPage(b, name, origin, { decodeProbe: DECODE_PROBE }), app.url);
    const rendererOf = new Map<number, string>();
    const users: CallUser[] = [];
    for (const name of NAMES) {
      const before = new Set(chromiumPids().filter((p) => procType(p) === 'renderer'));
      // As BenchRoom.lobby, plus an init script that keeps every AudioContext the page makes (window C closes them).
      const tp = await newTestPage(browser, name, app.url, { decodeProbe: DECODE_PROBE });
      await tp.context.addInitScript(AUDIO_CTX_SPY);
      if (COUNTERS) await tp.context.addInitScript(CALL_COUNTERS);
      const u = new CallUser(tp, name);
      await u.openLobby(app.url, room.name, 30_000);
      const fresh = chromiumPids().filter((p) => procType(p) === 'renderer' && !before.has(p) && !rendererOf.has(p));
      for (const p of fresh) rendererOf.set(p, name);
      await room.join(u);
      users.push(u);
      log(`${name} in the call (renderer ${fresh.join(',') || '?'})`);
    }
    const modeMs = await room.waitMode('mesh', 60_000);
    await room.waitFlowing(60_000);
    log(`mesh with all media decoding after ${modeMs} ms; flowing; settling ${SETTLE_S} s`);
    await sleep(SETTLE_S * 1000);

    const janusPid = descendantsOf(app.child.pid!).find((p) => readStr(`/proc/${p}/comm`).trim() === 'janus');
    const labeled = (): Labeled[] => {
      const out: Labeled[] = [];
      const counts = new Map<string, number>();
      for (const p of chromiumPids()) {
        const type = procType(p);
        const n = (counts.get(type) ?? 0) + 1;
        counts.set(type, n);
        out.push({ pid: p, label: `chromium ${type}${rendererOf.has(p) ? ` (${rendererOf.get(p)})` : ` #${n}`}` });
      }
      out.push({ pid: app!.child.pid!, label: 'node signaling-server' });
      if (janusPid) out.push({ pid: janusPid, label: 'janus' });
      out.push({ pid: process.pid, label: 'node harness (tsx+playwright)' });
      return out;
    };

    const sessions: CDPSession[] = [];
    for (const u of users) {
      const s = await u.page.context().newCDPSession(u.page);
      await s.send('Performance.enable', { timeDomain: 'threadTicks' } as never).catch(() => s.send('Performance.enable'));
      sessions.push(s);
    }
    const metrics = async () =>
      Promise.all(sessions.map(async (s) => Object.fromEntries(((await s.send('Performance.getMetrics')).metrics as { name: string; value: number }[]).map((m) => [m.name, m.value]))));
    const metricDelta = (a: Record<string, number>[], b: Record<string, number>[], secs: number) =>
      users.map((u, i) => {
        const d = (k: string) => Math.round((((b[i][k] ?? 0) - (a[i][k] ?? 0)) / secs) * 1000) / 10; // % of wall time
        return { page: u.name, taskPct: d('TaskDuration'), scriptPct: d('ScriptDuration'), layoutPct: d('LayoutDuration'), recalcStylePct: d('RecalcStyleDuration'), threadTimePct: d('ThreadTime'), processTimePct: d('ProcessTime'), layoutCountPerS: Math.round(((b[i].LayoutCount - a[i].LayoutCount) / secs) * 10) / 10, recalcCountPerS: Math.round(((b[i].RecalcStyleCount - a[i].RecalcStyleCount) / secs) * 10) / 10, jsHeapMB: Math.round(b[i].JSHeapUsedSize / 1e5) / 10, nodes: b[i].Nodes };
      });

    // Window A: no profiler.
    log(`window A (${WINDOW_S} s, no profiler)`);
    let procs = labeled();
    let m0 = await metrics();
    type Calls = Record<string, { n: number; ms: number }>;
    const readCalls = () => Promise.all(users.map((u) => u.page.evaluate(() => JSON.parse(JSON.stringify((window as unknown as { __calls?: unknown }).__calls ?? {})) as Calls)));
    const c0 = await readCalls();
    let s0 = snap(procs.map((p) => p.pid));
    const tA = performance.now();
    await sleep(WINDOW_S * 1000);
    let s1 = snap(procs.map((p) => p.pid));
    const c1 = await readCalls();
    const callsPerS = users.map((u, i) => ({
      page: u.name,
      calls: Object.fromEntries(Object.keys(c1[i]).map((k) => {
        const n = c1[i][k].n - (c0[i][k]?.n ?? 0);
        const ms = c1[i][k].ms - (c0[i][k]?.ms ?? 0);
        return [k, { perS: Math.round((n / WINDOW_S) * 10) / 10, msPerCall: n ? Math.round((ms / n) * 100) / 100 : null, msPerS: Math.round((ms / WINDOW_S) * 10) / 10 }];
      })),
    }));
    let m1 = await metrics();
    const secsA = (performance.now() - tA) / 1000;
    const windowA = { cpu: cpuReport(s0, s1, procs), pageMetrics: metricDelta(m0, m1, secsA), callsPerS };
    log('A done');

    // Window B: Profiler on Ada.
    log(`window B (${WINDOW_S} s, CDP Profiler on ${users[0].name}, 1 ms)`);
    const prof = sessions[0];
    await prof.send('Profiler.enable');
    await prof.send('Profiler.setSamplingInterval', { interval: 1000 });
    procs = labeled();
    m0 = await metrics();
    s0 = snap(procs.map((p) => p.pid));
    const tB = performance.now();
    await prof.send('Profiler.start');
    await sleep(WINDOW_S * 1000);
    const { profile } = (await prof.send('Profiler.stop')) as unknown as { profile: Profile };
    s1 = snap(procs.map((p) => p.pid));
    m1 = await metrics();
    const secsB = (performance.now() - tB) / 1000;
    writeFileSync(join(OUT, 'ada.cpuprofile'), JSON.stringify(profile));
    const windowB = { cpu: cpuReport(s0, s1, procs), pageMetrics: metricDelta(m0, m1, secsB), profile: aggregate(profile) };
    log('B done');

    // Window C: every page's AudioContexts closed (local level meter, chime): what WebAudio costs.
    const ctxInfo = await Promise.all(users.map((u) => u.page.evaluate(() => ((window as unknown as { __audioCtxs?: AudioContext[] }).__audioCtxs ?? []).map((c) => `${c.state}@${c.sampleRate}`))));
    await Promise.all(users.map((u) => u.page.evaluate(() => Promise.all(((window as unknown as { __audioCtxs?: AudioContext[] }).__audioCtxs ?? []).map((c) => c.close().catch(() => undefined))))));
    await sleep(2000);
    log(`window C (${WINDOW_S} s, AudioContexts closed: ${JSON.stringify(ctxInfo)})`);
    procs = labeled();
    m0 = await metrics();
    s0 = snap(procs.map((p) => p.pid));
    const tC = performance.now();
    await sleep(WINDOW_S * 1000);
    s1 = snap(procs.map((p) => p.pid));
    m1 = await metrics();
    const windowC = { audioContextsBefore: ctxInfo, cpu: cpuReport(s0, s1, procs), pageMetrics: metricDelta(m0, m1, (performance.now() - tC) / 1000) };
    log('C done');

    // Still in mesh and flowing at the end?
    let stillOk = 'yes';
    await room.waitMode('mesh', 10_000).catch((e) => (stillOk = `no: ${(e as Error).message.slice(0, 200)}`));
    const result = { config: { counters: COUNTERS, windowS: WINDOW_S, settleS: SETTLE_S, fakeCameraFps: FPS ?? 'page constraints (bench)', decodeProbe: DECODE_PROBE, nproc: 2 }, meshAtEnd: stillOk, windowA, windowB, windowC };
    writeFileSync(join(OUT, 'result.json'), JSON.stringify(result, null, 2));
    log(`wrote ${join(OUT, 'result.json')} and ada.cpuprofile`);
    for (const s of sessions) await s.detach().catch(() => undefined);
  } finally {
    await room?.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await app?.stop().catch(() => undefined);
    ns.destroy();
    releaseRunLock();
    log('closed, lock released');
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
