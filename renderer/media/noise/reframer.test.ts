import { reframeDelay, Reframer } from './reframer';

/** Feeds `total` samples of a ramp in blocks of `block`; returns the output and the frames processed. */
function run(total: number, block: number, frame = 480, process: (f: Float32Array) => void = () => undefined) {
  const r = new Reframer(frame, process, block);
  const out: number[] = [];
  for (let at = 0; at < total; at += block) {
    const input = Float32Array.from({ length: block }, (_, i) => at + i + 1);
    const output = new Float32Array(block);
    r.push(input, output);
    out.push(...output);
  }
  return { r, out };
}

describe('Reframer', () => {
  it('adds frame - gcd(frame, quantum) samples of delay: 448 (9.3 ms at 48 kHz) for RNNoise in 128-sample quanta', () => {
    expect(reframeDelay(480, 128)).toBe(448);
    expect(reframeDelay(480, 480)).toBe(0);
    expect(reframeDelay(480, 160)).toBe(320);
  });

  it('outputs every input sample exactly once, delayed by `delay`, with no underrun (identity processing)', () => {
    const { r, out } = run(480 * 128 * 2, 128);
    expect(r.underruns).toBe(0);
    expect(out.slice(0, r.delay).every((v) => v === 0)).toBe(true);
    for (let i = r.delay; i < out.length; i++) expect(out[i]).toBe(i - r.delay + 1);
  });

  it('passes whole frames to the processor and sends out what it wrote', () => {
    const frames: number[] = [];
    const { r, out } = run(48_000, 128, 480, (f) => {
      frames.push(f[0]);
      f.forEach((v, i) => (f[i] = -v));
    });
    expect(frames.slice(0, 3)).toEqual([1, 481, 961]);
    expect(frames).toHaveLength(Math.floor(48_000 / 480));
    expect(out[r.delay]).toBe(-1);
    expect(out[r.delay + 1000]).toBe(-1001);
  });

  it('never underruns for other block sizes up to its quantum', () => {
    for (const block of [1, 32, 100, 128, 441, 480, 512]) {
      const { r, out } = run(block * Math.ceil(20_000 / block), block);
      expect(r.underruns).toBe(0);
      expect(out[r.delay]).toBe(1);
    }
  });
});
