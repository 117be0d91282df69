/**
 * Noise suppression on the microphone: the user's on/off, applied through one Web Audio graph
 * (RNNoise in an AudioWorklet) that every sender shares. Implements TrackTransform so LocalControls
 * sends the denoised track instead of the microphone's (replaceTrack, no renegotiation). When the
 * machine cannot keep up (load.ts) it turns itself off and emits `overloaded` for the UI to say so.
 */
import { Emitter } from '../../call/emitter';
import { OpQueue } from '../../call/op-queue';
import type { TrackTransform } from '../track-transform';
import { INITIAL_LOAD, observeLoad, type LoadOptions, type LoadReport, type LoadState } from './load';
import { NoiseError, type NoiseErrorCode } from './errors';
import type { NoiseGraph } from './worklet-graph';

export interface NoiseSuppressorEvents {
  /** On/off, busy or error changed (for the UI). */
  changed: () => void;
  /** The output track changed: senders must ask `output()` again. */
  outputChanged: () => void;
  /** Turned itself off because the machine could not keep up. */
  overloaded: () => void;
}

export class NoiseSuppressor extends Emitter<NoiseSuppressorEvents> implements TrackTransform {
  private graph: NoiseGraph | null = null;
  private mic: MediaStreamTrack | null = null;
  private load: LoadState = INITIAL_LOAD;
  private readonly changes = new OpQueue();
  private lastError: NoiseErrorCode | null = null;
  private pending = 0;

  constructor(
    private readonly createGraph: () => Promise<NoiseGraph>,
    private readonly loadOptions: LoadOptions = {},
  ) {
    super();
  }

  /** True while the microphone is sent denoised. */
  get enabled(): boolean {
    return this.graph !== null;
  }
  get busy(): boolean {
    return this.pending > 0;
  }
  /** Why the last attempt to turn it on failed, until the next change. */
  get error(): NoiseErrorCode | null {
    return this.lastError;
  }

  output(mic: MediaStreamTrack): MediaStreamTrack {
    if (this.graph && mic === this.graph.output) return mic;
    this.mic = mic;
    if (!this.graph) return mic;
    this.graph.setSource(mic);
    return this.graph.output;
  }

  onChange(fn: () => void): () => void {
    return this.on('outputChanged', fn);
  }

  /** Turns suppression on or off, one change at a time. Never throws: a failure leaves it off with `error` set. */
  setEnabled(on: boolean): Promise<void> {
    this.pending++;
    this.emit('changed');
    return this.changes
      .push(() => (on ? this.start() : this.stop()))
      .finally(() => {
        this.pending--;
        this.emit('changed');
      });
  }

  /** Stops processing (call over, page gone, or turned off). */
  stop(): void {
    const g = this.graph;
    this.graph = null;
    this.lastError = null;
    g?.stop();
    if (g) this.emit('outputChanged');
    this.emit('changed');
  }

  private async start(): Promise<void> {
    if (this.graph) return;
    let graph: NoiseGraph;
    try {
      graph = await this.createGraph();
    } catch (err) {
      this.lastError = err instanceof NoiseError ? err.code : 'LOAD_FAILED';
      console.warn('noise suppression not started', err);
      return;
    }
    this.lastError = null;
    this.load = INITIAL_LOAD;
    graph.onLoad((r) => this.observe(graph, r));
    if (this.mic?.readyState === 'live') graph.setSource(this.mic);
    this.graph = graph;
    this.emit('outputChanged');
  }

  private observe(graph: NoiseGraph, report: LoadReport): void {
    if (graph !== this.graph) return;
    this.load = observeLoad(this.load, report, this.loadOptions);
    if (!this.load.overloaded) return;
    console.info('noise suppression turned off: the machine cannot keep up', JSON.stringify(report));
    this.stop();
    this.emit('overloaded');
  }
}
