/**
 * Re-blocks audio between the AudioWorklet's render quanta (128 samples) and RNNoise's frames
 * (480 samples at 48 kHz). Pure and allocation-free after construction, so it runs on the audio
 * thread and in unit tests alike.
 *
 * Output starts `delay` samples of silence ahead: the smallest head start with which every
 * quantum's output is already processed when asked for. With quanta of q and frames of f that is
 * f - gcd(f, q) (448 samples, 9.3 ms, for 480 and 128): the most input a quantum can leave
 * waiting for the next full frame. The delay is constant, so no sample is dropped or repeated.
 */

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** Samples of delay the reframer adds for frames of `frame` fed in quanta of `quantum`. */
export function reframeDelay(frame: number, quantum: number): number {
  return frame - gcd(frame, quantum);
}

export class Reframer {
  /** Samples of added delay (constant for the reframer's life). */
  readonly delay: number;
  private readonly frame: Float32Array;
  private filled = 0;
  /** Processed samples waiting to go out, as a ring. */
  private readonly ring: Float32Array;
  private readAt = 0;
  private queued: number;
  /** Quanta that found too little output (never, unless quanta grow beyond `quantum`). */
  underruns = 0;

  /**
   * @param frameSize the processor's frame (480 for RNNoise)
   * @param processFrame transforms one full frame in place
   * @param quantum the largest input block that will be pushed (128 in today's Web Audio)
   */
  constructor(
    frameSize: number,
    private readonly processFrame: (frame: Float32Array) => void,
    quantum = 128,
  ) {
    this.delay = reframeDelay(frameSize, quantum);
    this.frame = new Float32Array(frameSize);
    this.ring = new Float32Array(this.delay + frameSize + quantum);
    this.queued = this.delay;
  }

  /** Takes one block of input and fills `output` (same length) with processed audio from `delay` samples earlier. */
  push(input: Float32Array, output: Float32Array): void {
    let at = 0;
    while (at < input.length) {
      const n = Math.min(input.length - at, this.frame.length - this.filled);
      this.frame.set(input.subarray(at, at + n), this.filled);
      this.filled += n;
      at += n;
      if (this.filled === this.frame.length) {
        this.processFrame(this.frame);
        this.enqueue(this.frame);
        this.filled = 0;
      }
    }
    this.dequeue(output);
  }

  private enqueue(samples: Float32Array): void {
    const size = this.ring.length;
    let writeAt = (this.readAt + this.queued) % size;
    for (let i = 0; i < samples.length; i++) {
      this.ring[writeAt] = samples[i];
      writeAt = writeAt + 1 === size ? 0 : writeAt + 1;
    }
    this.queued += samples.length;
  }

  private dequeue(output: Float32Array): void {
    const size = this.ring.length;
    const n = Math.min(output.length, this.queued);
    for (let i = 0; i < n; i++) {
      output[i] = this.ring[this.readAt];
      this.readAt = this.readAt + 1 === size ? 0 : this.readAt + 1;
    }
    if (n < output.length) {
      output.fill(0, n);
      this.underruns++;
    }
    this.queued -= n;
  }
}
