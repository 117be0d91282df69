/**
 * "Has this new stream really started?": a video track has decoded and presented a frame (seen
 * through requestVideoFrameCallback on a hidden, attached video element); an audio-only stream
 * has unmuted (packets arrive). Used to swap a tile's track only once the new one plays.
 */

/** Resolves true on the stream's first presented video frame (or audio unmute), false after `timeoutMs`. */
export type ReadinessCheck = (stream: MediaStream, timeoutMs: number) => Promise<boolean>;

type FrameVideo = HTMLVideoElement & { requestVideoFrameCallback?: (cb: () => void) => number };

function firstVideoFrame(track: MediaStreamTrack, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const video = document.createElement('video') as FrameVideo;
    video.muted = true;
    video.playsInline = true;
    // Attached (but invisible): detached elements are not composited, so no frame callback would come.
    video.style.cssText = 'position:fixed;left:0;top:0;width:4px;height:4px;opacity:0;pointer-events:none';
    video.setAttribute('aria-hidden', 'true');
    video.srcObject = new MediaStream([track]);
    document.body.appendChild(video);
    let settled = false;
    const done = (ok: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      video.srcObject = null;
      video.remove();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    if (typeof video.requestVideoFrameCallback === 'function') video.requestVideoFrameCallback(() => done(true));
    else video.addEventListener('timeupdate', () => done(true), { once: true });
    video.play().catch(() => undefined);
  });
}

function audioFlowing(track: MediaStreamTrack, timeoutMs: number): Promise<boolean> {
  if (!track.muted) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    track.addEventListener(
      'unmute',
      () => {
        clearTimeout(timer);
        resolve(true);
      },
      { once: true },
    );
  });
}

/** The browser check: video frame if the stream has video, else audio unmute. */
export const browserReadiness: ReadinessCheck = (stream, timeoutMs) => {
  const video = stream.getVideoTracks()[0];
  if (video) return firstVideoFrame(video, timeoutMs);
  const audio = stream.getAudioTracks()[0];
  return audio ? audioFlowing(audio, timeoutMs) : Promise.resolve(false);
};
