/** What the effects bench page (page.ts) offers the bench (section.ts) as `window.effectsBench`. */
import type { EffectStats } from '../../../renderer/media/effects/stats';

/** 'full': segmentation on every frame (policy held at level 0); 'adaptive': the app's 24 fps budget. */
export type PipelineMode = 'full' | 'adaptive';

export interface CameraInfo {
  width: number;
  height: number;
  frameRate: number;
  /** Whether WebGL is software-rendered (SwiftShader): MediaPipe then infers on the CPU (WASM). */
  softwareWebGL: boolean;
}

export interface BareResult {
  /** ms per frame of MediaPipe's send() on the 256x144 copy. */
  inferMs: number[];
  /** ms per frame to shrink the camera frame to 256x144 (not part of inferMs). */
  shrinkMs: number[];
}

export interface PipelineResult {
  /** The pipeline's own rolling stats over the measuring window. */
  stats: EffectStats;
  /** Frames per second a <video> playing the processed track presented (requestVideoFrameCallback). */
  outputFps: number;
  /** Largest interval between presented frames of the output in the 3 s after `ready` (when the app swaps its sender). */
  startMaxGapMs: number;
}

export interface EffectsBenchApi {
  openCamera(width: number, height: number): Promise<CameraInfo>;
  cameraFps(ms: number): Promise<number>;
  bareInference(frames: number, warmup: number): Promise<BareResult>;
  pipeline(mode: PipelineMode, warmMs: number, measureMs: number): Promise<PipelineResult>;
}
