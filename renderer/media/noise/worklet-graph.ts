/**
 * The Web Audio graph that denoises the microphone: MediaStreamSource → RNNoise worklet →
 * MediaStreamDestination, in a 48 kHz AudioContext (RNNoise's rate; the context resamples other
 * microphones). Its output track stays the same across microphone changes.
 */
/// <reference types="vite/client" />
import workletUrl from './rnnoise-processor.ts?worker&url';
import { NoiseError } from './errors';
import type { LoadReport } from './load';
import { PROCESSOR_NAME, STOP_MESSAGE, type WorkletMessage } from './worklet-messages';

export interface NoiseGraph {
  /** The denoised track (the same one for the graph's life). */
  readonly output: MediaStreamTrack;
  /** Denoises this microphone track from now on (null: silence). */
  setSource(track: MediaStreamTrack | null): void;
  /** About once a second while audio flows. */
  onLoad(fn: (r: LoadReport) => void): void;
  stop(): void;
}

const READY_TIMEOUT_MS = 5000;

/** Builds the graph; rejects with NoiseError when the browser lacks AudioWorklet or the worklet fails. */
export async function createNoiseGraph(): Promise<NoiseGraph> {
  if (typeof AudioContext === 'undefined' || typeof AudioWorkletNode === 'undefined') throw new NoiseError('UNSUPPORTED', 'no AudioWorklet');
  const ctx = new AudioContext({ sampleRate: 48_000, latencyHint: 'interactive' });
  try {
    await ctx.audioWorklet.addModule(workletUrl);
    const node = new AudioWorkletNode(ctx, PROCESSOR_NAME, { numberOfInputs: 1, numberOfOutputs: 1, outputChannelCount: [1], channelCount: 1, channelCountMode: 'explicit' });
    const ready = new Promise<void>((resolve, reject) => {
      node.port.onmessage = (e: MessageEvent<WorkletMessage>) => e.data.type === 'ready' && resolve();
      node.onprocessorerror = () => reject(new NoiseError('LOAD_FAILED', 'the RNNoise worklet failed'));
      setTimeout(() => reject(new NoiseError('LOAD_FAILED', 'the RNNoise worklet did not start')), READY_TIMEOUT_MS);
    });
    const dest = ctx.createMediaStreamDestination();
    node.connect(dest);
    keepRunning(ctx);
    await ready;
    return graph(ctx, node, dest);
  } catch (err) {
    void ctx.close();
    throw err instanceof NoiseError ? err : new NoiseError('LOAD_FAILED', String(err));
  }
}

/** A context made without a user gesture starts suspended (and outputs silence): resume at the next one. */
function keepRunning(ctx: AudioContext): void {
  const resume = () => {
    if (ctx.state !== 'suspended') return;
    void ctx.resume();
    for (const ev of ['pointerdown', 'keydown'] as const) addEventListener(ev, resume, { once: true, capture: true });
  };
  resume();
}

function graph(ctx: AudioContext, node: AudioWorkletNode, dest: MediaStreamAudioDestinationNode): NoiseGraph {
  let source: MediaStreamAudioSourceNode | null = null;
  let sourceTrack: MediaStreamTrack | null = null;
  const listeners: ((r: LoadReport) => void)[] = [];
  node.port.onmessage = (e: MessageEvent<WorkletMessage>) => {
    const m = e.data;
    if (m.type === 'load') for (const fn of listeners) fn({ busyMs: m.busyMs, audioMs: m.audioMs, wallMs: m.wallMs });
  };
  const output = dest.stream.getAudioTracks()[0];
  return {
    output,
    setSource(track) {
      if (track === sourceTrack) return;
      source?.disconnect();
      source = null;
      sourceTrack = track;
      if (track) {
        source = ctx.createMediaStreamSource(new MediaStream([track]));
        source.connect(node);
      }
    },
    onLoad(fn) {
      listeners.push(fn);
    },
    stop() {
      source?.disconnect();
      node.port.postMessage(STOP_MESSAGE);
      node.disconnect();
      output.stop();
      void ctx.close();
    },
  };
}
