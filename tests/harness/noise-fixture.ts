/**
 * Test input for noise suppression: a WAV for Chromium's fake microphone
 * (`--use-file-for-fake-audio-capture`, played in a loop) with a constant noise bed (a fan-like
 * pink noise) and spoken sentences (espeak-ng, decoded by ffmpeg) on top, separated by seconds of
 * noise only. Generated into a temp dir by the test, never committed. And a receiver-side meter.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

const RATE = 48_000;
/** Seconds: noise only, then a sentence, twice per loop. */
export const FIXTURE_LAYOUT = { noiseS: 2.5, speechSlotS: 2.5 };
const SENTENCES = ['The quick brown fox jumps over the lazy dog.', 'Please send the quarterly report before Friday.'];

/** Mono 48 kHz float samples of a sentence (espeak-ng, resampled by ffmpeg), peak-normalised to `peak`. */
function speech(text: string, dir: string, i: number, peak: number): Float32Array {
  const wav = join(dir, `sentence-${i}.wav`);
  execFileSync('espeak-ng', ['-v', 'en-us', '-s', '160', '-w', wav, text]);
  const raw = execFileSync('ffmpeg', ['-v', 'error', '-i', wav, '-ac', '1', '-ar', String(RATE), '-f', 'f32le', '-'], { maxBuffer: 64 << 20 });
  const s = new Float32Array(raw.buffer, raw.byteOffset, raw.byteLength / 4);
  const max = s.reduce((m, v) => Math.max(m, Math.abs(v)), 0) || 1;
  return s.map((v) => (v / max) * peak);
}

/** Pink-ish noise (Paul Kellet's filter over a seeded white noise) at about `rms`. */
function pinkNoise(n: number, rms: number): Float32Array {
  let seed = 12345;
  const white = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 0x100000000) * 2 - 1;
  let b0 = 0, b1 = 0, b2 = 0;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const w = white();
    b0 = 0.99765 * b0 + w * 0.099046;
    b1 = 0.963 * b1 + w * 0.2965164;
    b2 = 0.57 * b2 + w * 1.0526913;
    out[i] = b0 + b1 + b2 + w * 0.1848;
  }
  const now = Math.sqrt(out.reduce((a, v) => a + v * v, 0) / n);
  return out.map((v) => (v / now) * rms);
}

/** The fixture's samples (48 kHz mono, -1..1): noise only, a sentence, noise only, a sentence. `dir` takes espeak-ng's files. */
export function fixtureSamples(dir: string): Float32Array {
  const { noiseS, speechSlotS } = FIXTURE_LAYOUT;
  const total = Math.round(SENTENCES.length * (noiseS + speechSlotS) * RATE);
  const mix = pinkNoise(total, 0.03); // about -30 dBFS
  SENTENCES.forEach((text, i) => {
    const s = speech(text, dir, i, 0.5).subarray(0, Math.round(speechSlotS * RATE));
    const at = Math.round((i * (noiseS + speechSlotS) + noiseS) * RATE);
    for (let j = 0; j < s.length; j++) mix[at + j] += s[j];
  });
  return mix;
}

/** Writes the fixture (16-bit PCM WAV, 48 kHz mono) and returns its path and length in seconds. */
export function prepareNoiseFixture(dir: string): { wav: string; seconds: number } {
  const mix = fixtureSamples(dir);
  const total = mix.length;
  const pcm = Buffer.alloc(total * 2);
  for (let i = 0; i < total; i++) pcm.writeInt16LE(Math.max(-32768, Math.min(32767, Math.round(mix[i] * 32767))), i * 2);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + pcm.length, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(RATE, 24);
  header.writeUInt32LE(RATE * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(pcm.length, 40);
  const wav = join(dir, 'speech-in-noise.wav');
  writeFileSync(wav, Buffer.concat([header, pcm]));
  return { wav, seconds: total / RATE };
}

/**
 * The received audio's level (dBFS) in windows of `windowMs` over `durationMs`, from getStats()
 * of every RTCPeerConnection the page made (totalAudioEnergy / totalSamplesDuration of inbound
 * audio: what the receiver plays out). Sampled inside the page, so timing is the page's own.
 */
export function receivedLevels(page: Page, durationMs: number, windowMs = 100): Promise<number[]> {
  return page.evaluate(
    async ([duration, step]) => {
      const pcs = (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs;
      const read = async () => {
        let energy = 0;
        let seconds = 0;
        for (const pc of pcs) {
          if (pc.connectionState === 'closed') continue;
          (await pc.getStats()).forEach((s) => {
            if (s.type === 'inbound-rtp' && s.kind === 'audio') {
              energy += s.totalAudioEnergy ?? 0;
              seconds += s.totalSamplesDuration ?? 0;
            }
          });
        }
        return { energy, seconds };
      };
      const levels: number[] = [];
      let last = await read();
      const end = performance.now() + duration;
      while (performance.now() < end) {
        await new Promise((r) => setTimeout(r, step));
        const now = await read();
        const dt = now.seconds - last.seconds;
        if (dt > 0) levels.push(10 * Math.log10(Math.max((now.energy - last.energy) / dt, 1e-12)));
        last = now;
      }
      return levels;
    },
    [durationMs, windowMs] as const,
  );
}

/** The q-quantile (0..1) of a list of levels. */
export function levelQuantile(levels: number[], q: number): number {
  const sorted = [...levels].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}
