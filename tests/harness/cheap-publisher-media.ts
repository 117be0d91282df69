/**
 * A cheap publisher's synthetic media (./cheap-publisher.ts): @roamhq/wrtc, loaded on first use, and
 * its nonstandard RTCVideoSource / RTCAudioSource fed from data computed once. A VP8 camera of
 * `width`x`height` (a moving pattern in a colour of its own) and a 48 kHz tone in 10 ms chunks; the
 * caller's clock says when to feed a frame or a chunk.
 */
import type * as WrtcModule from '@roamhq/wrtc';

// The native module is loaded on first use (a test importing only the types does not load it).
export type Wrtc = typeof WrtcModule;
export type WrtcPc = InstanceType<Wrtc['RTCPeerConnection']>;
type VideoSource = InstanceType<Wrtc['nonstandard']['RTCVideoSource']>;
type AudioSource = InstanceType<Wrtc['nonstandard']['RTCAudioSource']>;
export type Track = ReturnType<VideoSource['createTrack']>;
let wrtcModule: Wrtc | undefined;
export function wrtc(): Wrtc {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  wrtcModule ??= require('@roamhq/wrtc') as Wrtc;
  return wrtcModule;
}

const TONE_RATE = 48_000;
/** 10 ms at 48 kHz: the chunk RTCAudioSource takes. */
const CHUNK = TONE_RATE / 100;

/** A 400 Hz tone: 480 samples hold exactly four periods, so one chunk loops seamlessly. */
function toneChunk(pitchHz: number, amplitude: number): Int16Array {
  const s = new Int16Array(CHUNK);
  for (let i = 0; i < CHUNK; i++) s[i] = Math.round(amplitude * Math.sin((2 * Math.PI * pitchHz * i) / TONE_RATE));
  return s;
}

/**
 * `cycle` I420 frames of a bar sweeping across a gradient in the publisher's own colour (its
 * index picks the hue): computed once, handed to the source in turn, so a frame costs nothing.
 */
function patternFrames(width: number, height: number, index: number, cycle: number): Uint8Array[] {
  const ySize = width * height;
  const cw = width / 2;
  const ch = height / 2;
  const u = 64 + ((index * 53) % 128);
  const v = 192 - ((index * 97) % 128);
  const frames: Uint8Array[] = [];
  for (let f = 0; f < cycle; f++) {
    const data = new Uint8Array(ySize * 1.5);
    const bar = Math.floor((f / cycle) * width);
    for (let y = 0; y < height; y++) {
      const row = y * width;
      for (let x = 0; x < width; x++) data[row + x] = Math.abs(x - bar) < width / 12 ? 235 : 40 + ((x + y + f * 4) & 127);
    }
    data.fill(u, ySize, ySize + cw * ch);
    data.fill(v, ySize + cw * ch, ySize + 2 * cw * ch);
    frames.push(data);
  }
  return frames;
}

export interface SyntheticMediaOptions {
  width: number;
  height: number;
  fps: number;
  /** Sends the tone; false feeds silence. */
  audio: boolean;
}

/** One publisher's camera and microphone: its two tracks (audio first) and what feeds them. */
export class SyntheticMedia {
  private readonly video: VideoSource;
  private readonly audio: AudioSource;
  readonly tracks: Track[];
  private readonly frames: Uint8Array[];
  private readonly tone: Int16Array;
  private frame = 0;

  constructor(
    index: number,
    private readonly o: SyntheticMediaOptions,
  ) {
    const w = wrtc();
    this.video = new w.nonstandard.RTCVideoSource();
    this.audio = new w.nonstandard.RTCAudioSource();
    this.tracks = [this.audio.createTrack(), this.video.createTrack()];
    this.frames = patternFrames(o.width, o.height, index, Math.max(2, Math.round(o.fps * 2)));
    this.tone = o.audio ? toneChunk(400, 3000) : new Int16Array(CHUNK);
  }

  /** The next video frame. */
  feedVideo(): void {
    const data = this.frames[this.frame++ % this.frames.length] as Uint8Array;
    this.video.onFrame({ width: this.o.width, height: this.o.height, data });
  }

  /** One 10 ms chunk of the tone. */
  feedAudio(): void {
    this.audio.onData({ samples: this.tone, sampleRate: TONE_RATE, bitsPerSample: 16, channelCount: 1, numberOfFrames: CHUNK });
  }

  stop(): void {
    for (const t of this.tracks) t.stop();
  }
}
