import { LocalMedia } from '../media/local-media';
import type { VideoTransform } from '../media/effects/video-effects';
import { Emitter } from './emitter';
import { LocalControls } from './local-controls';
import { LocalParticipant } from './participant';
import { fakeMediaDeps, stream, track } from './testing/fake-media';
import { FakeTransport } from './testing/fake-transport';
import type { TransportContext } from './room-types';

/** A background effect that can be switched on and off; on, it answers with its processed track. */
class FakeEffect extends Emitter<{ changed: () => void }> implements VideoTransform {
  readonly processed = track('video');
  active = false;
  /** The camera the effect was last given as input. */
  input: MediaStreamTrack | null = null;
  output(camera: MediaStreamTrack): MediaStreamTrack {
    this.input = camera;
    return this.active ? this.processed : camera;
  }
  onChange(fn: () => void): () => void {
    return this.on('changed', fn);
  }
  set(on: boolean): void {
    this.active = on;
    this.emit('changed');
  }
}

const flush = () => new Promise((r) => setImmediate(r));

async function setup() {
  const { media } = await LocalMedia.acquire({}, fakeMediaDeps().deps);
  const local = new LocalParticipant('', 'Ada', { mic: true, camera: true, screen: false, hand: false }, media.stream);
  const transport = new FakeTransport({ local: { audio: null, video: null, stream: media.stream } } as unknown as TransportContext);
  const controls = new LocalControls(media, local, {
    transport: () => transport,
    publish: () => undefined,
    createLevelMeter: () => null,
    createStream: (tracks) => stream(tracks),
  });
  return { media, local, transport, controls, effect: new FakeEffect() };
}

describe('LocalControls self view', () => {
  it('shows the processed camera on the local tile, in one stream whose tracks are swapped in place', async () => {
    const { media, local, transport, controls, effect } = await setup();
    await controls.setVideoTransform(effect);
    const view = local.view.stream!;
    expect(view.getVideoTracks()).toEqual([media.videoTrack]);
    expect(view.getAudioTracks()).toEqual([media.audioTrack]);

    effect.set(true);
    await flush();
    expect(local.view.stream).toBe(view);
    expect(view.getVideoTracks()).toEqual([effect.processed]);
    expect(view.getAudioTracks()).toEqual([media.audioTrack]);
    // The tile shows exactly what the sender carries.
    expect(transport.replaced.at(-1)).toEqual({ kind: 'video', track: effect.processed });

    effect.set(false);
    await flush();
    expect(local.view.stream).toBe(view);
    expect(view.getVideoTracks()).toEqual([media.videoTrack]);
  });

  it('follows camera off/on and device switches while the effect runs', async () => {
    const { media, local, controls, effect } = await setup();
    await controls.setVideoTransform(effect);
    effect.set(true);
    await flush();
    const view = local.view.stream!;
    await controls.setCamera(false);
    expect(view.getVideoTracks()).toEqual([]);
    expect(view.getAudioTracks()).toEqual([media.audioTrack]);
    await controls.setCamera(true);
    expect(view.getVideoTracks()).toEqual([effect.processed]);
    await controls.switchDevice('audioinput', 'usb-mic');
    expect(view.getAudioTracks()).toEqual([media.audioTrack]);
    expect(view.getTracks()).toHaveLength(2);
    expect(local.view.stream).toBe(view);
  });

  it('a camera switched while the effect runs becomes its input; the sender keeps the processed track', async () => {
    const { media, transport, controls, effect } = await setup();
    await controls.setVideoTransform(effect);
    effect.set(true);
    await flush();
    const sends = transport.replaced.length;
    const old = media.videoTrack;
    await controls.switchDevice('videoinput', 'usb-cam');
    expect(media.videoTrack).not.toBe(old);
    expect(effect.input).toBe(media.videoTrack);
    expect(old?.readyState).toBe('ended');
    // The processed track was already on the sender: nothing to replace.
    expect(transport.replaced.slice(sends)).toEqual([]);
  });

  it('without an effect the local tile plays the camera stream itself', async () => {
    const { media, local, controls } = await setup();
    await controls.setCamera(true);
    expect(local.view.stream).toBe(media.stream);
  });
});

describe('LocalControls noise suppression', () => {
  class FakeSuppressor extends FakeEffect {
    override readonly processed = track('audio');
  }

  it('sends the denoised track while on, the microphone when off, and keeps the mute state on whichever is sent', async () => {
    const { media, transport, controls } = await setup();
    const ns = new FakeSuppressor();
    await controls.setAudioTransform(ns);
    ns.set(true);
    await flush();
    expect(transport.replaced.at(-1)).toEqual({ kind: 'audio', track: ns.processed });

    await controls.setMic(false);
    expect(media.audioTrack!.enabled).toBe(false);
    expect(ns.processed.enabled).toBe(false);
    ns.set(false);
    await flush();
    expect(transport.replaced.at(-1)).toEqual({ kind: 'audio', track: media.audioTrack });
    ns.set(true);
    await flush();
    // Turned on again while muted: still muted.
    expect(transport.replaced.at(-1)).toEqual({ kind: 'audio', track: ns.processed });
    expect(ns.processed.enabled).toBe(false);
    await controls.setMic(true);
    expect(ns.processed.enabled).toBe(true);
  });
});
