import { EFFECT_OFF, type VideoEffect } from '../../media/effects/effect';
import type { DegradationLevel } from '../../media/effects/degradation';
import { VideoEffects } from '../../media/effects/video-effects';
import { browserStorage } from '../lib/browser-storage';

/**
 * The background-effect view model, one per page: the lobby preview and the call's sender share
 * its pipeline, so the effect chosen in the lobby is already running when the call starts.
 */
export class EffectsModel {
  readonly engine = new VideoEffects(browserStorage());
  #effect = $state.raw<VideoEffect>(EFFECT_OFF);
  #level = $state<DegradationLevel>(0);
  #error = $state<string | null>(null);
  #busy = $state(false);
  /** Bumped when the output track changes, so previews re-derive. */
  #version = $state(0);
  #previews = new WeakMap<MediaStreamTrack, MediaStream>();

  constructor() {
    this.engine.on('changed', () => {
      this.#effect = this.engine.effect;
      this.#level = this.engine.level;
      this.#error = this.engine.error;
      this.#busy = this.engine.busy;
    });
    this.engine.on('outputChanged', () => this.#version++);
  }

  get effect() { return this.#effect; }
  get level() { return this.#level; }
  get error() { return this.#error; }
  get busy() { return this.#busy; }

  /** A stream showing the processed camera, or null while no effect runs (show the camera itself). */
  preview(camera: MediaStreamTrack | null): MediaStream | null {
    void this.#version;
    if (!camera) return null;
    const out = this.engine.output(camera);
    if (out === camera) return null;
    let stream = this.#previews.get(out);
    if (!stream) this.#previews.set(out, (stream = new MediaStream([out])));
    return stream;
  }

  /** Starts the remembered effect (lobby start, rejoin) unless something already runs. */
  startRemembered(): void {
    const remembered = this.engine.remembered;
    if (remembered.kind !== 'off' && this.engine.effect.kind === 'off' && !this.engine.busy) void this.engine.apply(remembered);
  }
}

let instance: EffectsModel | null = null;

/** The page's effects model (created on first use). */
export function effectsModel(): EffectsModel {
  instance ??= new EffectsModel();
  return instance;
}
