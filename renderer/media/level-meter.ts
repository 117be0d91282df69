/** Microphone level from a WebAudio AnalyserNode (browser only). */

/** Reads a stream's audio level as RMS in 0..1. */
export class LevelMeter {
  private readonly ctx: AudioContext;
  private readonly analyser: AnalyserNode;
  private readonly source: MediaStreamAudioSourceNode;
  private readonly buf: Float32Array<ArrayBuffer>;

  /** Throws if the stream has no audio track (WebAudio refuses it). */
  constructor(stream: MediaStream) {
    this.ctx = new AudioContext();
    this.analyser = this.ctx.createAnalyser();
    this.analyser.fftSize = 512;
    this.source = this.ctx.createMediaStreamSource(stream);
    // Not connected to the destination: we only measure, the user must not hear themselves.
    this.source.connect(this.analyser);
    this.buf = new Float32Array(this.analyser.fftSize);
  }

  /** Current RMS level 0..1 (speech is typically 0.02..0.3). */
  level(): number {
    // Contexts created before a user gesture start suspended; resuming is harmless when running.
    if (this.ctx.state === 'suspended') void this.ctx.resume().catch(() => undefined);
    this.analyser.getFloatTimeDomainData(this.buf);
    let sum = 0;
    for (const v of this.buf) sum += v * v;
    return Math.min(1, Math.sqrt(sum / this.buf.length));
  }

  /** Releases the audio graph (the stream's tracks are left alone). */
  stop(): void {
    this.source.disconnect();
    void this.ctx.close().catch(() => undefined);
  }
}

/** Something that reports a level 0..1; the Room injects fakes in unit tests. */
export interface LevelSource {
  level(): number;
  stop(): void;
}

/** A LevelMeter when WebAudio exists and the stream has audio, else null. */
export function createLevelMeter(stream: MediaStream): LevelSource | null {
  if (typeof AudioContext === 'undefined' || stream.getAudioTracks().length === 0) return null;
  try {
    return new LevelMeter(stream);
  } catch {
    return null;
  }
}
