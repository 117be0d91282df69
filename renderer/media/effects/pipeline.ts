/**
 * The background-effect pipeline: camera track in, processed track out, on the sender before the
 * track enters WebRTC. Segmentation runs every Nth frame (N from the degradation policy) and the
 * last mask is reused in between; compositing runs on every frame.
 */
import { Emitter } from '../../call/emitter';
import { acquireCompositor, releaseCompositor, type Compositor, type Background } from './compositor';
import { initialPolicy, observe, segmentationMode, type DegradationLevel, type PolicyOptions, type PolicyState } from './degradation';
import type { VideoEffect } from './effect';
import { EffectError } from './errors';
import { createSink, readFrames, type FrameSink, type FrameSource, type InputFrame } from './frame-io';
import { acquireSegmenter, MASK_HEIGHT, MASK_WIDTH, type Segmenter } from './segmenter';
import { FrameStats, type EffectStats } from './stats';

/** Processed frames output before the pipeline counts as ready (see `ready`). */
export const READY_FRAMES = 5;

export interface PipelineEvents {
  /** The degradation level changed (0 = full quality). */
  level: (level: DegradationLevel) => void;
}

export interface PipelineOptions {
  /** Frame rate the camera delivers; sets the per-frame budget. */
  frameRate?: number;
  /** Where the MediaPipe files are served (tests and the bench point elsewhere). */
  assetBase?: string;
}

/** Decodes a background image (same-origin URL or data: URL). An <img>, not fetch(): CSP's img-src allows data:, connect-src does not. */
async function loadImage(src: string): Promise<ImageBitmap> {
  const img = new Image();
  img.src = src;
  try {
    await img.decode();
    return await createImageBitmap(img);
  } catch {
    throw new EffectError('IMAGE_DECODE', `image did not load: ${src.slice(0, 60)}`);
  }
}

export class EffectPipeline extends Emitter<PipelineEvents> {
  private source: FrameSource | null = null;
  private sourceTrack: MediaStreamTrack | null = null;
  private background: Background = { kind: 'blur', strength: 'light' };
  private policy: PolicyState;
  private readonly policyOpts: PolicyOptions;
  private readonly segCanvas = document.createElement('canvas');
  private readonly segCtx: CanvasRenderingContext2D;
  private readonly stats = new FrameStats();
  private frameIndex = 0;
  /** Camera timestamp (µs) of the last processed frame, null after a source change. */
  private lastTimestamp: number | null = null;
  private stopped = false;
  /** Frames output since the start, up to READY_FRAMES. */
  private warmFrames = 0;
  private warmedUp: (() => void) | null = null;
  /**
   * Resolves once READY_FRAMES processed frames were output (or after `timeoutMs`): swap senders
   * only then, so the far side sees no gap. Not at the first frame: the first few pay one-off costs
   * (shader compiles, render targets, the model's first run at this size, segmenting every frame
   * until the policy has a measurement), measured at 250-870 ms each on a loaded machine, and a
   * sender swapped before them froze at the far side for as long.
   */
  readonly ready: (timeoutMs: number) => Promise<void>;

  private constructor(
    private readonly segmenter: Pick<Segmenter, 'segment'>,
    private readonly compositor: Compositor,
    private readonly sink: FrameSink,
    frameRate: number,
  ) {
    super();
    this.policyOpts = { budgetMs: 1000 / frameRate };
    this.policy = initialPolicy(this.policyOpts);
    const ctx = this.segCanvas.getContext('2d', { willReadFrequently: false });
    if (!ctx) throw new EffectError('UNSUPPORTED', 'no 2D canvas');
    this.segCtx = ctx;
    const warm = new Promise<void>((resolve) => (this.warmedUp = resolve));
    this.ready = (timeoutMs) => Promise.race([warm, new Promise<void>((r) => setTimeout(r, timeoutMs))]);
  }

  /** Loads the model and sets up WebGL; throws EffectError (MODEL_MISSING, UNSUPPORTED). */
  static async create(opts: PipelineOptions = {}): Promise<EffectPipeline> {
    const frameRate = opts.frameRate ?? 24;
    const compositor = acquireCompositor();
    let segmenter: Segmenter;
    try {
      segmenter = await acquireSegmenter(opts.assetBase);
    } catch (err) {
      releaseCompositor(compositor);
      throw err;
    }
    return new EffectPipeline(segmenter, compositor, createSink(compositor.canvas, frameRate), frameRate);
  }

  /** The processed track (the same one for the pipeline's life, across camera changes). */
  get output(): MediaStreamTrack {
    return this.sink.track;
  }

  get level(): DegradationLevel {
    return this.policy.level;
  }

  /** Processing time and output rate over the last few seconds. */
  get frameStats(): EffectStats {
    return this.stats.summary(this.policy);
  }

  /** Starts a new stats window (the bench measures only after a warm-up). */
  resetStats(): void {
    this.stats.reset();
  }

  /** Follows a new camera track (device switch, camera back on); null pauses output. */
  setSource(track: MediaStreamTrack | null): void {
    if (track === this.sourceTrack || this.stopped) return;
    this.source?.stop();
    this.source = null;
    this.sourceTrack = track;
    this.lastTimestamp = null;
    if (track) this.source = readFrames(track, (f) => this.process(f));
  }

  /** Switches blur/image without interrupting the output; an image that fails leaves the current one. */
  async setEffect(effect: VideoEffect): Promise<void> {
    if (effect.kind === 'off') return;
    if (effect.kind === 'blur') {
      this.background = { kind: 'blur', strength: effect.strength };
      return;
    }
    const image = await loadImage(effect.src);
    if (this.stopped) return image.close();
    this.compositor.setImage(image);
    image.close(); // uploaded: the GPU texture holds the pixels now
    this.background = { kind: 'image' };
  }

  /** Stops reading, ends the output track and gives the GPU context back. Idempotent. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.source?.stop();
    this.source = null;
    this.sink.stop();
    // The compositor and the segmenter are the page's (acquireCompositor, acquireSegmenter): they stay for the next start.
    releaseCompositor(this.compositor);
  }

  private async process(f: InputFrame): Promise<void> {
    if (this.stopped) return;
    const t0 = performance.now();
    let segmentMs: number | undefined;
    const mode = segmentationMode(this.policy);
    if (mode !== 'none' && this.frameIndex % this.policy.segmentEvery === 0) {
      segmentMs = await this.segment(f, mode === 'small' ? 0.625 : 1);
      if (this.stopped) return;
    }
    this.frameIndex++;
    this.compositor.draw(f.image, f.width, f.height, this.background, mode === 'none');
    this.sink.push(this.compositor.canvas, f.timestamp);
    if (++this.warmFrames >= READY_FRAMES) {
      this.warmedUp?.();
      this.warmedUp = null;
    }
    const total = performance.now() - t0;
    this.stats.record(total, segmentMs);
    const gapMs = this.lastTimestamp === null ? undefined : (f.timestamp - this.lastTimestamp) / 1000;
    this.lastTimestamp = f.timestamp;
    const before = this.policy.level;
    this.policy = observe(this.policy, { compositeMs: total - (segmentMs ?? 0), segmentMs, gapMs }, this.policyOpts);
    if (this.policy.level !== before) this.emit('level', this.policy.level);
  }

  /** Shrinks the frame to the model's input (or smaller, when degraded) and runs the model. */
  private async segment(f: InputFrame, scale: number): Promise<number> {
    const t0 = performance.now();
    const w = Math.round(MASK_WIDTH * scale);
    const h = Math.round(MASK_HEIGHT * scale);
    if (this.segCanvas.width !== w || this.segCanvas.height !== h) {
      this.segCanvas.width = w;
      this.segCanvas.height = h;
    }
    this.segCtx.drawImage(f.image, 0, 0, w, h);
    const mask = await this.segmenter.segment(this.segCanvas).catch((e: unknown) => {
      console.warn('segmentation failed; keeping the last mask', e);
      return null;
    });
    if (mask && !this.stopped) this.compositor.setMask(mask);
    return performance.now() - t0;
  }
}
