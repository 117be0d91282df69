/**
 * The noise section of `npm run bench`: noise suppression's CPU per second of audio against bare
 * RNNoise inference on the same audio, and the delay it adds. Runs in Node, not in a browser: the
 * wasm module is the one the AudioWorklet runs, called directly (bare) and through the product's
 * own framing code (Reframer + Denoiser, fed 128-sample quanta as Web Audio does). What Node does
 * not see: the AudioContext's own buffering into the MediaStream track.
 *
 * Audio: the e2e fixture (tests/harness/noise-fixture.ts: sentences over pink noise), looped to
 * BENCH_NOISE_SECONDS (default 60) per trial; BENCH_NOISE_ROUNDS (default 7) alternating trials.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reframeDelay } from '../../../renderer/media/noise/reframer';
import { RNNOISE_FRAME } from '../../../renderer/media/noise/rnnoise';
import { fixtureSamples, FIXTURE_LAYOUT } from '../../harness/noise-fixture';
import type { SectionResult } from '../section';
import { ratio, round, summarize, table } from '../stats';
import { judge } from '../targets';
import { bareOutput, bareTrial, bestLag, loadRnnoise, productTrial, RATE } from './trials';
import { CPU_RATIO_TARGET, LATENCY_TARGET_MS } from './targets';

export async function noiseBench(): Promise<SectionResult> {
  const seconds = Number(process.env.BENCH_NOISE_SECONDS ?? 60);
  const rounds = Number(process.env.BENCH_NOISE_ROUNDS ?? 7);
  const dir = mkdtempSync(join(tmpdir(), 'confer-noise-bench-'));
  let fixture: Float32Array;
  try {
    fixture = fixtureSamples(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const audio = new Float32Array(Math.round(seconds * RATE));
  for (let at = 0; at < audio.length; at += fixture.length) audio.set(fixture.subarray(0, Math.min(fixture.length, audio.length - at)), at);

  const mod = loadRnnoise();
  bareTrial(mod, audio.subarray(0, 5 * RATE)); // warm-up: wasm tiers up
  productTrial(mod, audio.subarray(0, 5 * RATE));
  const bare: number[] = [];
  const product: number[] = [];
  let output: Float32Array = new Float32Array(0);
  for (let i = 0; i < rounds; i++) {
    bare.push(bareTrial(mod, audio) / seconds);
    const p = productTrial(mod, audio);
    product.push(p.ms / seconds);
    output = p.output;
  }
  const b = summarize(bare);
  const p = summarize(product);
  const cpuRatio = ratio(p.median, b.median);

  // Delays over the first sentence (after the first noise-only part), searched up to 50 ms: what the
  // product's framing adds (its output against bare RNNoise's), and input to output in all.
  const from = Math.round(FIXTURE_LAYOUT.noiseS * RATE);
  const span = [from, from + 2 * RATE] as const;
  const maxLag = Math.round(0.05 * RATE);
  const added = bestLag(bareOutput(mod, audio), output, ...span, maxLag);
  const total = bestLag(audio, output, ...span, maxLag);
  const ms = (samples: number) => round((samples / RATE) * 1000, 2);
  const addedMs = ms(added.lag);
  const totalMs = ms(total.lag);
  const valid = added.correlation > 0.9;
  const expected = reframeDelay(RNNOISE_FRAME, 128);

  console.info(
    table(
      ['measure', 'bare RNNoise', 'product path', 'ratio'],
      [
        ['CPU ms per s of audio, median', b.median, p.median, cpuRatio],
        ['CPU ms per s of audio, p90', b.p90, p.p90, ratio(p.p90, b.p90)],
        ['share of one core, median', `${round((b.median ?? 0) / 10, 2)} %`, `${round((p.median ?? 0) / 10, 2)} %`, null],
      ],
    ),
  );
  console.info(
    `\ndelay added by the product's framing: ${addedMs} ms (${added.lag} samples, correlation ${round(added.correlation, 3)}; by design ${expected})\n` +
      `delay input -> output in all: ${totalMs} ms (${total.lag} samples, correlation ${round(total.correlation, 3)}), ` +
      `of which RNNoise's own (this build, rnnoise 0.2): ${round(totalMs - addedMs, 2)} ms\n`,
  );
  const targets = [
    judge('noise suppression CPU per second of audio, product / bare RNNoise (medians, Node)', cpuRatio, '<=', CPU_RATIO_TARGET, 'x'),
    judge('audio delay added by the suppressor\'s framing (output against bare RNNoise\'s)', addedMs, '<=', LATENCY_TARGET_MS, 'ms', valid ? {} : { valid, note: `no clear correlation peak (${round(added.correlation, 3)})` }),
    // The "added audio latency" read as the whole suppressor, input to output (RNNoise's own delay included).
    judge('audio delay of the whole suppressor, input to output (RNNoise\'s own delay included)', totalMs, '<=', LATENCY_TARGET_MS, 'ms', total.correlation > 0.8 ? {} : { valid: false, note: `no clear correlation peak (${round(total.correlation, 3)})` }),
  ];
  return {
    result: { seconds, rounds, bareCpuMsPerS: b, productCpuMsPerS: p, cpuRatio, latency: { addedMs, addedSamples: added.lag, addedCorrelation: added.correlation, totalMs, totalSamples: total.lag, totalCorrelation: total.correlation } },
    failed: false,
    targets,
  };
}
