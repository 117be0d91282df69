/**
 * Runs in the bench page (bundled by build-page.ts): the product's EffectPipeline and a bare
 * MediaPipe Selfie Segmentation, both from the files the app bundle serves, on frames of one fake
 * camera opened at an exact size. Exposed as `window.effectsBench` for section.ts.
 */
import type { SelfieSegmentation } from '@mediapipe/selfie_segmentation';
import { MEDIAPIPE_LOADER, mediapipeUrl } from '../../../renderer/media/effects/assets';
import { EffectPipeline } from '../../../renderer/media/effects/pipeline';
import { MASK_HEIGHT, MASK_WIDTH, softwareWebGL } from '../../../renderer/media/effects/segmenter';
import type { BareResult, EffectsBenchApi, PipelineMode, PipelineResult } from './api';

const BASE = '/mediapipe/';
type Ctor = new (config: { locateFile: (file: string) => string }) => SelfieSegmentation;
type Processor = new (init: { track: MediaStreamTrack; maxBufferSize?: number }) => { readable: ReadableStream<VideoFrame> };

let camera: MediaStreamTrack | null = null;
let bare: SelfieSegmentation | null = null;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function needCamera(): MediaStreamTrack {
  if (!camera) throw new Error('open the camera first');
  return camera;
}

/**
 * A <video> playing `track` over `ms` (requestVideoFrameCallback): frames presented per second and
 * the largest interval between two of them. `settleMs` skips the burst right after play().
 */
async function presented(track: MediaStreamTrack, ms: number, settleMs = 500): Promise<{ fps: number; maxGapMs: number }> {
  const video = document.createElement('video');
  video.muted = true;
  video.srcObject = new MediaStream([track]);
  document.body.append(video);
  await video.play();
  let frames = 0;
  let counting = true;
  let last: number | null = null;
  let maxGapMs = 0;
  const tick = (now: number) => {
    frames++;
    if (last !== null) maxGapMs = Math.max(maxGapMs, now - last);
    last = now;
    if (counting) video.requestVideoFrameCallback(tick);
  };
  await sleep(settleMs);
  video.requestVideoFrameCallback(tick);
  const t0 = performance.now();
  await sleep(ms);
  counting = false;
  const fps = frames / ((performance.now() - t0) / 1000);
  video.pause();
  video.srcObject = null;
  video.remove();
  return { fps, maxGapMs };
}

const presentedFps = async (track: MediaStreamTrack, ms: number): Promise<number> => (await presented(track, ms)).fps;

/** The bare model: the same loader, WASM and landscape model the app uses, called directly. */
async function bareModel(): Promise<SelfieSegmentation> {
  const w = window as unknown as { SelfieSegmentation?: Ctor };
  if (!w.SelfieSegmentation) {
    await new Promise<void>((resolve, reject) => {
      const s = document.createElement('script');
      s.src = mediapipeUrl(MEDIAPIPE_LOADER, BASE);
      s.onload = () => resolve();
      s.onerror = () => reject(new Error(`could not load ${s.src}`));
      document.head.append(s);
    });
  }
  const seg = new w.SelfieSegmentation!({ locateFile: (f) => mediapipeUrl(f, BASE) });
  // As segmenter.ts sets it: landscape model, CPU (WASM) inference when WebGL is software.
  seg.setOptions({ modelSelection: 1, selfieMode: false, useCpuInference: softwareWebGL() } as Parameters<SelfieSegmentation['setOptions']>[0]);
  seg.onResults(() => undefined);
  await seg.initialize();
  return seg;
}

/** The window after `ready` in which the output's largest frame gap is taken. */
const START_WINDOW_MS = 3000;

const api: EffectsBenchApi = {
  async openCamera(width, height) {
    camera?.stop();
    const stream = await navigator.mediaDevices.getUserMedia({ video: { width: { exact: width }, height: { exact: height }, frameRate: 24 } });
    camera = stream.getVideoTracks()[0];
    const s = camera.getSettings();
    return { width: s.width ?? 0, height: s.height ?? 0, frameRate: s.frameRate ?? 0, softwareWebGL: softwareWebGL() };
  },

  cameraFps: (ms) => presentedFps(needCamera(), ms),

  async bareInference(frames, warmup): Promise<BareResult> {
    bare ??= await bareModel();
    const Proc = (globalThis as unknown as { MediaStreamTrackProcessor: Processor }).MediaStreamTrackProcessor;
    const track = needCamera().clone();
    const reader = new Proc({ track, maxBufferSize: 1 }).readable.getReader();
    const canvas = document.createElement('canvas');
    canvas.width = MASK_WIDTH;
    canvas.height = MASK_HEIGHT;
    const ctx = canvas.getContext('2d')!;
    const inferMs: number[] = [];
    const shrinkMs: number[] = [];
    try {
      for (let i = 0; i < warmup + frames; i++) {
        const { value: frame } = await reader.read();
        if (!frame) throw new Error('the camera ended');
        const t0 = performance.now();
        ctx.drawImage(frame, 0, 0, MASK_WIDTH, MASK_HEIGHT); // the model's input size, as the pipeline shrinks
        frame.close();
        const t1 = performance.now();
        await bare.send({ image: canvas });
        const t2 = performance.now();
        if (i < warmup) continue;
        shrinkMs.push(t1 - t0);
        inferMs.push(t2 - t1);
      }
    } finally {
      await reader.cancel().catch(() => undefined);
      track.stop();
    }
    return { inferMs, shrinkMs };
  },

  async pipeline(mode: PipelineMode, warmMs, measureMs): Promise<PipelineResult> {
    // 'full': a 1 fps budget (1000 ms) keeps the degradation policy at level 0, segmenting every
    // frame, so each frame holds one inference. 'adaptive': the app's 24 fps budget, as shipped.
    const pipeline = await EffectPipeline.create({ assetBase: BASE, frameRate: mode === 'full' ? 1 : 24 });
    const track = needCamera().clone();
    try {
      await pipeline.setEffect({ kind: 'blur', strength: 'light' });
      pipeline.setSource(track);
      await pipeline.ready(10_000);
      // What the far side sees right after the app swaps its sender to the output (at ready).
      const start = await presented(pipeline.output, START_WINDOW_MS, 0);
      await sleep(warmMs);
      pipeline.resetStats();
      const outputFps = await presentedFps(pipeline.output, measureMs);
      return { stats: pipeline.frameStats, outputFps, startMaxGapMs: start.maxGapMs };
    } finally {
      pipeline.stop();
      track.stop();
    }
  },
};

(window as unknown as { effectsBench: EffectsBenchApi }).effectsBench = api;
document.getElementById('status')!.textContent = 'ready';
