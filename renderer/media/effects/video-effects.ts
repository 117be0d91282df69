/**
 * The app's background effect: the user's choice, remembered, applied through one pipeline that
 * the lobby preview and the call's sender share. Implements VideoTransform so LocalControls can
 * send the processed track instead of the camera's (replaceTrack, no renegotiation).
 */
import { Emitter } from '../../call/emitter';
import type { TrackTransform } from '../track-transform';
import { OpQueue } from '../../call/op-queue';
import type { DegradationLevel } from './degradation';
import { CUSTOM_IMAGE_ID, EFFECT_OFF, effectKey, type VideoEffect } from './effect';
import { effectErrorText } from './errors';
import { prepareUserImage } from './image-input';
import { EffectPipeline } from './pipeline';
import { loadEffect, saveEffect, type EffectStore } from './settings';

/** Turns the camera track into the track that is sent and previewed. */
export type VideoTransform = TrackTransform;

export interface VideoEffectsEvents {
  /** Effect, level, busy or error changed (for the UI). */
  changed: () => void;
  /** The output track changed: senders and previews must ask `output()` again. */
  outputChanged: () => void;
}

/** What VideoEffects uses of a pipeline: EffectPipeline in the app, a fake in unit tests. */
export type PipelineHandle = Pick<EffectPipeline, 'output' | 'level' | 'frameStats' | 'ready' | 'setSource' | 'setEffect' | 'stop' | 'on'>;

const READY_TIMEOUT_MS = 3000;

export class VideoEffects extends Emitter<VideoEffectsEvents> implements VideoTransform {
  private current: VideoEffect = EFFECT_OFF;
  private pipeline: PipelineHandle | null = null;
  private camera: MediaStreamTrack | null = null;
  /** Effect changes run one at a time, in the order asked. */
  private readonly changes = new OpQueue();
  private lastError: string | null = null;
  private pending = 0;

  constructor(
    private readonly store: EffectStore | null,
    private readonly createPipeline: () => Promise<PipelineHandle> = () => EffectPipeline.create(),
  ) {
    super();
  }

  /** The effect in use (Off until `apply` succeeded). */
  get effect(): VideoEffect {
    return this.current;
  }
  /** The remembered choice (what the lobby applies at start). */
  get remembered(): VideoEffect {
    return loadEffect(this.store);
  }
  get level(): DegradationLevel {
    return this.pipeline?.level ?? 0;
  }
  /** The last problem as a sentence for the user, until the next successful change. */
  get error(): string | null {
    return this.lastError;
  }
  get busy(): boolean {
    return this.pending > 0;
  }
  /** The running pipeline, for diagnostics and the bench. */
  get activePipeline(): PipelineHandle | null {
    return this.pipeline;
  }

  output(camera: MediaStreamTrack): MediaStreamTrack {
    // Asked about its own output (a view that shows the processed track): never feed it back in.
    if (this.pipeline && camera === this.pipeline.output) return camera;
    this.camera = camera;
    if (!this.pipeline) return camera;
    this.pipeline.setSource(camera);
    return this.pipeline.output;
  }

  onChange(fn: () => void): () => void {
    return this.on('outputChanged', fn);
  }

  /**
   * Switches effect, one change at a time. Never throws: a failure is reported in `error`. A bad
   * image keeps the current effect; a model that cannot load falls back to Off.
   */
  apply(effect: VideoEffect): Promise<void> {
    this.pending++;
    this.emit('changed');
    return this.changes
      .push(() => this.doApply(effect))
      .finally(() => {
        this.pending--;
        this.emit('changed');
      });
  }

  /** Uses a picked file as the background; a bad file leaves the current effect on. */
  async applyFile(file: File): Promise<void> {
    let src: string;
    try {
      src = await prepareUserImage(file);
    } catch (err) {
      this.lastError = effectErrorText(err);
      this.emit('changed');
      return;
    }
    await this.apply({ kind: 'image', id: CUSTOM_IMAGE_ID, src });
  }

  /** Stops processing (call over, page gone); the choice stays remembered. */
  stop(): void {
    const p = this.pipeline;
    this.pipeline = null;
    this.current = EFFECT_OFF;
    p?.stop();
    if (p) this.emit('outputChanged');
    this.emit('changed');
  }

  private async doApply(effect: VideoEffect): Promise<void> {
    if (effect.kind === 'off') {
      this.stop();
      this.lastError = null;
      saveEffect(this.store, effect);
      return;
    }
    const fresh = !this.pipeline;
    let pipeline = this.pipeline;
    try {
      pipeline ??= await this.createPipeline();
      await pipeline.setEffect(effect);
    } catch (err) {
      if (fresh) pipeline?.stop();
      this.lastError = effectErrorText(err);
      console.warn('background effect not applied', err);
      return;
    }
    this.lastError = null;
    this.current = effect;
    if (effectKey(effect) !== effectKey(this.remembered) || effect.kind === 'image') saveEffect(this.store, effect);
    if (fresh) {
      pipeline.on('level', (level) => {
        // Rare, and the first thing to look at when someone says their effect looks worse.
        console.info(`background effect level ${level}`, JSON.stringify(pipeline.frameStats));
        this.emit('changed');
      });
      if (this.camera?.readyState === 'live') {
        pipeline.setSource(this.camera);
        // Swap the sender only once processed frames flow: replacing earlier sends nothing meanwhile.
        await pipeline.ready(READY_TIMEOUT_MS);
      }
      this.pipeline = pipeline;
      this.emit('outputChanged');
    }
  }
}
