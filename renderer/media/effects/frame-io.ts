/**
 * Camera frames in, processed frames out. Insertable streams (MediaStreamTrackProcessor /
 * MediaStreamTrackGenerator, Chromium) hand over each camera frame exactly once, with its
 * timestamp; elsewhere a <video> with requestVideoFrameCallback and canvas.captureStream do.
 */
import type { FrameImage } from './compositor';

/** Chromium-only insertable-streams constructors (not in TypeScript's DOM lib). */
interface InsertableStreams {
  MediaStreamTrackProcessor?: new (init: { track: MediaStreamTrack; maxBufferSize?: number }) => { readable: ReadableStream<VideoFrame> };
  MediaStreamTrackGenerator?: new (init: { kind: 'video' }) => MediaStreamTrack & { writable: WritableStream<VideoFrame> };
}
const api = globalThis as unknown as InsertableStreams;

/** One camera frame, valid until `release()`. */
export interface InputFrame {
  image: FrameImage;
  width: number;
  height: number;
  /** Microseconds, as VideoFrame timestamps are. */
  timestamp: number;
  release(): void;
}

/** Calls `onFrame` for every camera frame (awaiting it: frames arriving meanwhile are dropped) until stopped. */
export interface FrameSource {
  stop(): void;
}

export function readFrames(track: MediaStreamTrack, onFrame: (f: InputFrame) => Promise<void>): FrameSource {
  return api.MediaStreamTrackProcessor ? readWithProcessor(track, onFrame) : readWithVideo(track, onFrame);
}

function readWithProcessor(track: MediaStreamTrack, onFrame: (f: InputFrame) => Promise<void>): FrameSource {
  const Processor = api.MediaStreamTrackProcessor!;
  // maxBufferSize 1: when we fall behind, the newest frame wins (lower latency than a queue).
  const reader = new Processor({ track, maxBufferSize: 1 }).readable.getReader();
  let stopped = false;
  void (async () => {
    while (!stopped) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }) as const);
      if (done || !value) break;
      if (stopped) {
        value.close();
        break;
      }
      const frame = { image: value, width: value.displayWidth, height: value.displayHeight, timestamp: value.timestamp, release: () => value.close() };
      await onFrame(frame).catch((e: unknown) => console.warn('effect frame failed', e)).finally(() => value.close());
    }
  })();
  return {
    stop() {
      stopped = true;
      void reader.cancel().catch(() => undefined);
    },
  };
}

function readWithVideo(track: MediaStreamTrack, onFrame: (f: InputFrame) => Promise<void>): FrameSource {
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.srcObject = new MediaStream([track]);
  void video.play().catch(() => undefined);
  let stopped = false;
  const tick = (_now: number, meta: VideoFrameCallbackMetadata) => {
    if (stopped) return;
    const frame = { image: video, width: meta.width, height: meta.height, timestamp: Math.round(meta.mediaTime * 1e6), release: () => undefined };
    void onFrame(frame)
      .catch((e: unknown) => console.warn('effect frame failed', e))
      .finally(() => !stopped && video.requestVideoFrameCallback(tick));
  };
  video.requestVideoFrameCallback(tick);
  return {
    stop() {
      stopped = true;
      video.pause();
      video.srcObject = null;
    },
  };
}

/** Where processed frames go: a track to send, fed from the compositor's canvas. */
export interface FrameSink {
  readonly track: MediaStreamTrack;
  /** Hands a frame over without waiting for the consumer (the encoder's pace is not our cost). */
  push(canvas: HTMLCanvasElement, timestamp: number): void;
  stop(): void;
}

export function createSink(canvas: HTMLCanvasElement, frameRate: number): FrameSink {
  const Generator = api.MediaStreamTrackGenerator;
  if (!Generator) {
    const track = canvas.captureStream(frameRate).getVideoTracks()[0];
    return { track, push: () => undefined, stop: () => track.stop() };
  }
  const track = new Generator({ kind: 'video' });
  const writer = track.writable.getWriter();
  return {
    track,
    push(source, timestamp) {
      // A consumer that stopped pulling (no sender, encoder behind) gets no backlog: drop the frame.
      if ((writer.desiredSize ?? 1) <= 0) return;
      const frame = new VideoFrame(source, { timestamp });
      // The generator takes ownership of written frames; close() covers a write that failed.
      void writer.write(frame).catch(() => undefined).finally(() => frame.close());
    },
    stop() {
      void writer.close().catch(() => undefined);
      track.stop();
    },
  };
}
