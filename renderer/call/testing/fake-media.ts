/** Fake MediaStreamTrack / MediaStream / getUserMedia for unit tests in Node (no DOM). */
import type { MediaDeps } from '../../media/local-media';

let nextId = 1;

/** A track with the fields the engine reads; `stop()` records that the device was released. */
export class FakeTrack {
  readonly id = `track-${nextId++}`;
  enabled = true;
  readyState: 'live' | 'ended' = 'live';
  private readonly ended: (() => void)[] = [];
  constructor(
    readonly kind: 'audio' | 'video',
    readonly deviceId = 'default',
  ) {}
  stop(): void {
    this.readyState = 'ended';
  }
  getSettings(): MediaTrackSettings {
    return { deviceId: this.deviceId };
  }
  addEventListener(type: string, fn: () => void): void {
    if (type === 'ended') this.ended.push(fn);
  }
  /** Simulates the device being unplugged. */
  end(): void {
    this.readyState = 'ended';
    for (const fn of this.ended) fn();
  }
}

export class FakeStream {
  readonly id = `stream-${nextId++}`;
  private tracks: MediaStreamTrack[];
  constructor(tracks: MediaStreamTrack[] = []) {
    this.tracks = [...tracks];
  }
  getTracks(): MediaStreamTrack[] {
    return [...this.tracks];
  }
  getAudioTracks(): MediaStreamTrack[] {
    return this.tracks.filter((t) => t.kind === 'audio');
  }
  getVideoTracks(): MediaStreamTrack[] {
    return this.tracks.filter((t) => t.kind === 'video');
  }
  addTrack(t: MediaStreamTrack): void {
    if (!this.tracks.includes(t)) this.tracks.push(t);
  }
  removeTrack(t: MediaStreamTrack): void {
    this.tracks = this.tracks.filter((x) => x !== t);
  }
}

export const track = (kind: 'audio' | 'video', deviceId?: string) => new FakeTrack(kind, deviceId) as unknown as MediaStreamTrack;
export const stream = (tracks: MediaStreamTrack[] = []) => new FakeStream(tracks) as unknown as MediaStream;

function domError(name: string): Error {
  return Object.assign(new Error(name), { name });
}

/**
 * getUserMedia that grants what `devices` allows: per kind 'ok', 'denied' (NotAllowedError)
 * or 'missing' (NotFoundError). Records every constraints object it was called with.
 */
export function fakeMediaDeps(devices: { audio?: 'ok' | 'denied' | 'missing'; video?: 'ok' | 'denied' | 'missing' } = {}) {
  const calls: MediaStreamConstraints[] = [];
  const deps: MediaDeps = {
    async getUserMedia(c) {
      calls.push(c);
      const out: MediaStreamTrack[] = [];
      for (const kind of ['audio', 'video'] as const) {
        if (!c[kind]) continue;
        const state = devices[kind] ?? 'ok';
        if (state === 'denied') throw domError('NotAllowedError');
        if (state === 'missing') throw domError('NotFoundError');
        const wanted = c[kind] as MediaTrackConstraints;
        const id = (wanted.deviceId as { exact?: string; ideal?: string } | undefined);
        out.push(track(kind, id?.exact ?? id?.ideal));
      }
      return stream(out);
    },
    createStream: (tracks) => stream(tracks),
  };
  return { deps, calls };
}
