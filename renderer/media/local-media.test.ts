import { fakeMediaDeps, type FakeTrack } from '../call/testing/fake-media';
import { LocalMedia } from './local-media';

describe('LocalMedia.acquire', () => {
  it('captures audio and video together with the default constraints', async () => {
    const { deps, calls } = fakeMediaDeps();
    const { media, problems } = await LocalMedia.acquire({}, deps);
    expect(problems).toEqual([]);
    expect(calls).toHaveLength(1);
    expect(calls[0].video).toMatchObject({ width: { ideal: 640 }, height: { ideal: 360 }, frameRate: { ideal: 24 } });
    expect(calls[0].audio).toMatchObject({ echoCancellation: true, noiseSuppression: true, autoGainControl: true });
    expect(media.audioTrack?.kind).toBe('audio');
    expect(media.videoTrack?.kind).toBe('video');
  });

  it('a denied camera: audio only, MEDIA_DENIED with a clear message, never throws', async () => {
    const { deps } = fakeMediaDeps({ video: 'denied' });
    const { media, problems } = await LocalMedia.acquire({}, deps);
    expect(media.audioTrack).not.toBeNull();
    expect(media.videoTrack).toBeNull();
    expect(problems.map((p) => [p.code, p.message])).toEqual([
      ['MEDIA_DENIED', 'Camera access was denied; you can still join with audio only.'],
    ]);
  });

  it('no devices at all: two MEDIA_MISSING problems and an empty stream', async () => {
    const { deps } = fakeMediaDeps({ audio: 'missing', video: 'missing' });
    const { media, problems } = await LocalMedia.acquire({}, deps);
    expect(problems.map((p) => p.code)).toEqual(['MEDIA_MISSING', 'MEDIA_MISSING']);
    expect(problems[0].message).toMatch(/microphone/i);
    expect(media.stream.getTracks()).toEqual([]);
  });

  it('video: false asks for audio only; remembered devices are preferred, not required', async () => {
    const { deps, calls } = fakeMediaDeps();
    await LocalMedia.acquire({ video: false, audioDeviceId: 'mic-9' }, deps);
    expect(calls).toEqual([{ audio: expect.objectContaining({ deviceId: { ideal: 'mic-9' } }) }]);
  });
});

describe('LocalMedia tracks', () => {
  it('stopVideo stops the camera; startVideo captures a new one into the same stream', async () => {
    const { media } = await LocalMedia.acquire({}, fakeMediaDeps().deps);
    const changes: number[] = [];
    media.on('tracksChanged', () => changes.push(1));
    const cam = media.videoTrack as unknown as FakeTrack;
    media.stopVideo();
    expect(cam.readyState).toBe('ended');
    expect(media.videoTrack).toBeNull();
    const again = await media.startVideo();
    expect(media.stream.getVideoTracks()).toEqual([again]);
    expect(changes).toHaveLength(2);
  });

  it('startVideo rejects with MEDIA_DENIED when the camera is refused', async () => {
    const { media } = await LocalMedia.acquire({}, fakeMediaDeps({ video: 'denied' }).deps);
    await expect(media.startVideo()).rejects.toMatchObject({ code: 'MEDIA_DENIED' });
  });

  it('setDevice swaps the track with an exact device and keeps a muted mic muted', async () => {
    const { deps, calls } = fakeMediaDeps();
    const { media } = await LocalMedia.acquire({}, deps);
    const old = media.audioTrack!;
    old.enabled = false;
    const next = await media.setDevice('audioinput', 'mic-2');
    expect(calls.at(-1)).toEqual({ audio: expect.objectContaining({ deviceId: { exact: 'mic-2' } }) });
    expect(next?.enabled).toBe(false);
    expect(media.audioTrack).toBe(next);
    expect((old as unknown as FakeTrack).readyState).toBe('ended');
  });

  it('an unplugged device drops its track', async () => {
    const { media } = await LocalMedia.acquire({}, fakeMediaDeps().deps);
    (media.videoTrack as unknown as FakeTrack).end();
    expect(media.videoTrack).toBeNull();
  });
});
