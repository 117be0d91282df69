/**
 * `npm run bench`: every section, each measuring the product against a baseline taken in the same
 * run on the same machine, printed as tables; all figures go to tests/bench/results/latest.json.
 *
 * Choose sections with BENCH_ONLY=join,signaling (names from `npm run bench -- --list`).
 * Ends with one table of every target, its value and verdict; then publishes the results
 * (docs/bench-results.md and README's generated section, publish.ts), unless a setting changed
 * what the run measures (see `tunedBy`): such a run is written to results/tuned-*.json only.
 * Exit code 1 when any section could not take its measurements; with `--check`, also when any
 * target was missed or not measured (a speed target is judged here, not by a timed test).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { clusterSfuBench } from './cluster-sfu/section';
import { effectsBench } from './effects/section';
import { joinBench } from './join/section';
import { noiseBench } from './noise/section';
import { sfuBench } from './sfu/section';
import { signalingBench } from './signaling/section';
import { recordingBench } from './recording/section';
import { networkBench } from './network/section';
import type { Section } from './section';
import { publish } from './publish';
import { targetTable, unmet } from './targets';
import type { Target } from './targets';

const SECTIONS: Section[] = [
  { name: 'join', what: 'join to first remote frame, mesh of 2-4 against bare RTCPeerConnections', run: joinBench },
  { name: 'signaling', what: 'peer:signal relay throughput/latency, 1 and 2 nodes, idle memory, node-kill recovery', run: signalingBench },
  { name: 'effects', what: 'background blur per-frame time and fps at 360p/720p against bare MediaPipe inference, lobby CPU on vs off', run: effectsBench },
  { name: 'noise', what: "noise suppression CPU per second of audio against bare RNNoise inference, and its added audio delay (Node, the worklet's wasm and framing code)", run: noiseBench },
  { name: 'sfu', what: 'mesh <-> SFU switch frame gap, join into an SFU room against bare RTCPeerConnections, upload per participant at N=2-6, Janus CPU per forwarded packet', run: sfuBench },
  { name: 'cluster-sfu', what: 'two signaling nodes and a pool of two Janus: Janus kill to media back (5 kills), signaling node kill to sessions taken over and the largest tile freeze (3 kills); rooms of 5 to 100 with cheap publishers: a page\'s downlink and decoding against the ideal', run: clusterSfuBench },
  { name: 'network', what: 'a 2-person mesh and a 5-person SFU call under 3 Mbit/s, 1 Mbit/s and 300 kbit/s caps with 50 ms delay (share of usable uplink, loss, concealment; adaptation on against the browser alone) and 3/10/30 s link cuts', run: networkBench },
  { name: 'recording', what: 'compose time per recorded second for 2, 4 and 6 camera tiles of 640x360 (the product\'s composer and ffmpeg settings)', run: recordingBench },
];

/**
 * The settings that make a run measure a part or a variant of its sections (fewer trials, some
 * parts only, debug logging that adds load): every BENCH_* but BENCH_ONLY, and the logging ones.
 * Published tables come only from runs without them, so a partial run cannot replace a section's
 * published rows (it did: a kills-only cluster-sfu run dropped the large-room rows).
 */
function tunedBy(env: NodeJS.ProcessEnv): string[] {
  return Object.keys(env)
    .filter((k) => (k.startsWith('BENCH_') && k !== 'BENCH_ONLY') || k === 'LOG_LEVEL' || k === 'E2E_LOG_DIR')
    .sort()
    .map((k) => `${k}=${env[k]}`);
}

async function main(): Promise<number> {
  if (process.argv.includes('--list')) {
    for (const s of SECTIONS) console.info(`${s.name.padEnd(12)} ${s.what}`);
    return 0;
  }
  const only = process.env.BENCH_ONLY?.split(',').map((x) => x.trim()).filter(Boolean);
  const unknown = only?.filter((n) => !SECTIONS.some((s) => s.name === n)) ?? [];
  if (unknown.length) {
    console.error(`unknown bench section(s): ${unknown.join(', ')}; known: ${SECTIONS.map((s) => s.name).join(', ')}`);
    return 2;
  }
  const chosen = SECTIONS.filter((s) => !only || only.includes(s.name));
  const results: Record<string, unknown> = {};
  const failed: string[] = [];
  const targets: Target[] = [];
  const check = process.argv.includes('--check');
  const started = Date.now();
  for (const s of chosen) {
    console.info(`\n=== ${s.name}: ${s.what} ===`);
    try {
      const r = await s.run();
      results[s.name] = r.result;
      targets.push(...r.targets.map((t) => ({ ...t, section: s.name })));
      if (r.failed) failed.push(s.name);
    } catch (e) {
      console.error(`section ${s.name} threw: ${(e as Error).stack ?? e}`);
      results[s.name] = { error: (e as Error).message };
      failed.push(s.name);
    }
  }
  const out = {
    at: new Date().toISOString(),
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? null, node: process.version },
    durationS: Math.round((Date.now() - started) / 1000),
    check,
    sections: results,
    targets,
    failed,
  };
  const dir = join(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const tuned = tunedBy(process.env);
  const file = join(dir, `${tuned.length ? 'tuned' : 'latest'}${only ? `-${chosen.map((s) => s.name).join('-')}` : ''}.json`);
  writeFileSync(file, JSON.stringify({ ...out, tuned }, null, 2) + '\n');
  console.info(`\nall figures written to ${file}`);
  console.info(`\nTargets\n${targetTable(targets)}`);
  if (tuned.length) console.info(`not published: this run was tuned by ${tuned.join(' ')} (the published tables come from runs with the defaults)`);
  else {
    try {
      console.info(`published from the last results: ${publish(dir, SECTIONS.map((s) => s.name)).join(', ')}`);
    } catch (e) {
      console.error(`could not publish the results: ${(e as Error).message}`);
    }
  }
  const missed = unmet(targets);
  if (failed.length) console.info(`sections that could not measure: ${failed.join(', ')}`);
  if (missed.length) console.info(`${missed.length} of ${targets.length} targets missed or not measured${check ? '' : ' (`npm run bench -- --check` fails on them)'}`);
  return failed.length || (check && missed.length) ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
