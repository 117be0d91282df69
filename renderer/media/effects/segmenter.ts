/**
 * MediaPipe Selfie Segmentation behind a small interface: one frame in (already shrunk to the
 * model's 256x144), a person mask out. The runtime and model load from the app bundle (see
 * assets.ts for why never a CDN).
 */
import type { Results, SelfieSegmentation } from '@mediapipe/selfie_segmentation';
import { LANDSCAPE_MODEL, MEDIAPIPE_BASE, MEDIAPIPE_LOADER, mediapipeUrl } from './assets';
import { EffectError } from './errors';
import { OpQueue } from '../../call/op-queue';

/** The landscape model's input size: frames are shrunk to this before segmentation. */
export const MASK_WIDTH = 256;
export const MASK_HEIGHT = 144;

/** A person mask (red channel: 1 = person) for one frame. */
export type Mask = ImageBitmap | HTMLCanvasElement | HTMLImageElement;

export interface Segmenter {
  /** Whether inference runs on the CPU (WASM) rather than MediaPipe's WebGL path. */
  readonly cpu: boolean;
  segment(input: HTMLCanvasElement): Promise<Mask>;
  close(): Promise<void>;
}

type SegmentationCtor = new (config: { locateFile: (file: string) => string }) => SelfieSegmentation;
let loader: Promise<SegmentationCtor> | null = null;

/** Loads the classic loader script once per page (it is not an ES module). */
function loadRuntime(base: string): Promise<SegmentationCtor> {
  const w = window as unknown as { SelfieSegmentation?: SegmentationCtor };
  if (w.SelfieSegmentation) return Promise.resolve(w.SelfieSegmentation);
  loader ??= new Promise<SegmentationCtor>((resolve, reject) => {
    const script = document.createElement('script');
    script.src = mediapipeUrl(MEDIAPIPE_LOADER, base);
    script.onload = () => (w.SelfieSegmentation ? resolve(w.SelfieSegmentation) : reject(new Error('loader defined nothing')));
    script.onerror = () => reject(new Error(`could not load ${script.src}`));
    document.head.append(script);
  }).catch((err: unknown) => {
    loader = null; // a later attempt may succeed (e.g. after a network blip)
    throw err;
  });
  return loader;
}

/**
 * Whether WebGL runs in software (SwiftShader, llvmpipe: headless Chromium, VMs, blocklisted
 * GPUs). There MediaPipe's GPU inference costs ~4x its WASM CPU path, so we pick the CPU path.
 */
let software: boolean | null = null;
export function softwareWebGL(): boolean {
  if (software === null) software = probeSoftwareWebGL();
  return software;
}

function probeSoftwareWebGL(): boolean {
  const canvas = document.createElement('canvas');
  const gl = canvas.getContext('webgl2');
  if (!gl) return true;
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : '';
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return /swiftshader|llvmpipe|software/i.test(renderer);
}

const INIT_TIMEOUT_MS = 20_000;

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} timed out`)), ms)));
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

let shared: { base: string; segmenter: Promise<Segmenter> } | null = null;

/**
 * The page's segmenter, created on first use and then kept. MediaPipe's close() does not free its
 * WebGL context (measured: 15 live contexts after 50 on/off cycles, at Chromium's cap of 16), so
 * recreating it per effect start would leak; one instance, idle while effects are off, does not.
 * Calls are serialised: the solution has a single results callback.
 */
export function acquireSegmenter(base: string = MEDIAPIPE_BASE): Promise<Segmenter> {
  if (shared?.base === base) return shared.segmenter;
  const entry = { base, segmenter: createSegmenter(base) };
  shared = entry;
  entry.segmenter.catch(() => {
    if (shared === entry) shared = null; // a later attempt (the file deployed meanwhile) may succeed
  });
  return entry.segmenter;
}

/** Creates and warms up a segmenter; throws EffectError('MODEL_MISSING') when the bundle lacks it. */
export async function createSegmenter(base: string = MEDIAPIPE_BASE): Promise<Segmenter> {
  // MediaPipe reports a missing file by hanging or with an opaque abort: check the model up front.
  const head = await fetch(mediapipeUrl(LANDSCAPE_MODEL, base), { method: 'HEAD' }).catch(() => null);
  if (!head?.ok) throw new EffectError('MODEL_MISSING', `segmentation model not found (${head?.status ?? 'network error'})`);
  let Ctor: SegmentationCtor;
  try {
    Ctor = await loadRuntime(base);
  } catch (err) {
    throw new EffectError('MODEL_MISSING', String(err));
  }
  const cpu = softwareWebGL();
  const seg = new Ctor({ locateFile: (file) => mediapipeUrl(file, base) });
  // modelSelection 1: the landscape model, 256x144 input, cheaper than the 256x256 general one.
  seg.setOptions({ modelSelection: 1, selfieMode: false, useCpuInference: cpu } as Parameters<SelfieSegmentation['setOptions']>[0]);
  let latest: Mask | null = null;
  seg.onResults((r: Results) => {
    latest = r.segmentationMask;
  });
  try {
    await withTimeout(seg.initialize(), INIT_TIMEOUT_MS, 'segmentation start');
  } catch (err) {
    void seg.close().catch(() => undefined);
    throw new EffectError('MODEL_MISSING', String(err));
  }
  let closed = false;
  // One inference at a time: `latest` belongs to the frame being sent.
  const inferences = new OpQueue();
  const segment = (input: HTMLCanvasElement): Promise<Mask> =>
    inferences.push(async () => {
      if (closed) throw new Error('segmenter closed');
      latest = null;
      await seg.send({ image: input });
      if (!latest) throw new Error('segmentation produced no mask');
      return latest;
    });
  // The first inference builds the graph (~0.4-2 s): pay it now, not on the first camera frame.
  const warm = document.createElement('canvas');
  warm.width = MASK_WIDTH;
  warm.height = MASK_HEIGHT;
  warm.getContext('2d')?.fillRect(0, 0, MASK_WIDTH, MASK_HEIGHT);
  await withTimeout(segment(warm), INIT_TIMEOUT_MS, 'segmentation warm-up').catch((err: unknown) => {
    void seg.close().catch(() => undefined);
    throw new EffectError('MODEL_MISSING', String(err));
  });
  return {
    cpu,
    segment,
    async close() {
      if (closed) return;
      closed = true;
      await seg.close();
    },
  };
}
