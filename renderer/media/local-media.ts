/** Camera and microphone capture. Acquisition never throws for a missing or denied device. */
import { CallError } from '../call/api';
import { Emitter } from '../call/emitter';
import { captureError, type CaptureKind } from './media-errors';

export interface AcquirePrefs {
  audioDeviceId?: string;
  videoDeviceId?: string;
  /** Default true. */
  video?: boolean;
  /** Default true. */
  audio?: boolean;
}

/** Browser capabilities LocalMedia needs; unit tests inject fakes. */
export interface MediaDeps {
  getUserMedia(constraints: MediaStreamConstraints): Promise<MediaStream>;
  createStream(tracks: MediaStreamTrack[]): MediaStream;
}

export interface LocalMediaEvents {
  /** A track was added, replaced or removed (device switch, camera on/off, device unplugged). */
  tracksChanged: (tracks: { audio: MediaStreamTrack | null; video: MediaStreamTrack | null }) => void;
  /** A capturing track ended by itself (device unplugged) and was dropped; `enabled`: it was unmuted. */
  deviceLost: (lost: { kind: 'audioinput' | 'videoinput'; deviceId: string | undefined; enabled: boolean }) => void;
}

/** 640x360 @ 24 fps is enough for a mesh of four and keeps upload per peer modest. */
export const VIDEO_CONSTRAINTS: MediaTrackConstraints = { width: { ideal: 640 }, height: { ideal: 360 }, frameRate: { ideal: 24 } };
export const AUDIO_CONSTRAINTS: MediaTrackConstraints = { echoCancellation: true, noiseSuppression: true, autoGainControl: true };

function browserDeps(): MediaDeps {
  return {
    getUserMedia: (c) => {
      // Insecure contexts have no mediaDevices at all: report it like any capture error.
      if (typeof navigator === 'undefined' || !navigator.mediaDevices) {
        return Promise.reject(Object.assign(new Error('no mediaDevices'), { name: 'NoMediaDevices' }));
      }
      return navigator.mediaDevices.getUserMedia(c);
    },
    createStream: (tracks) => new MediaStream(tracks),
  };
}

function constraints(kind: CaptureKind, deviceId: string | undefined, exact: boolean): MediaTrackConstraints {
  const base = kind === 'audio' ? AUDIO_CONSTRAINTS : VIDEO_CONSTRAINTS;
  if (!deviceId) return { ...base };
  return { ...base, deviceId: exact ? { exact: deviceId } : { ideal: deviceId } };
}

/** The local camera/microphone: one MediaStream whose tracks come and go. */
export class LocalMedia extends Emitter<LocalMediaEvents> {
  private readonly devices: Record<CaptureKind, string | undefined>;

  private constructor(
    private readonly deps: MediaDeps,
    /** Kept for the whole session so previews and senders can hold on to it. */
    readonly stream: MediaStream,
    prefs: AcquirePrefs,
  ) {
    super();
    this.devices = { audio: prefs.audioDeviceId, video: prefs.videoDeviceId };
    for (const t of stream.getTracks()) this.watch(t);
  }

  /** Captures what it can: audio+video, else each alone. Problems are reported, never thrown. */
  static async acquire(prefs: AcquirePrefs = {}, deps: MediaDeps = browserDeps()): Promise<{ media: LocalMedia; problems: CallError[] }> {
    const wanted: CaptureKind[] = [];
    if (prefs.audio !== false) wanted.push('audio');
    if (prefs.video !== false) wanted.push('video');
    const ids = { audio: prefs.audioDeviceId, video: prefs.videoDeviceId };
    const tracks: MediaStreamTrack[] = [];
    const problems: CallError[] = [];
    let together: MediaStream | null = null;
    if (wanted.length === 2) {
      // One prompt for both when possible; remembered devices are only preferred (they may be gone).
      together = await deps
        .getUserMedia({ audio: constraints('audio', ids.audio, false), video: constraints('video', ids.video, false) })
        .catch(() => null);
    }
    if (together) tracks.push(...together.getTracks());
    else {
      for (const kind of wanted) {
        try {
          const s = await deps.getUserMedia({ [kind]: constraints(kind, ids[kind], false) });
          tracks.push(...s.getTracks());
        } catch (err) {
          problems.push(captureError(kind, err));
        }
      }
    }
    return { media: new LocalMedia(deps, deps.createStream(tracks), prefs), problems };
  }

  get audioTrack(): MediaStreamTrack | null {
    return this.stream.getAudioTracks()[0] ?? null;
  }

  get videoTrack(): MediaStreamTrack | null {
    return this.stream.getVideoTracks()[0] ?? null;
  }

  /** The device in use (or last chosen) for a kind. */
  deviceId(kind: 'audioinput' | 'videoinput'): string | undefined {
    return this.devices[kind === 'audioinput' ? 'audio' : 'video'];
  }

  /** The device actually capturing for a kind (the track's own deviceId), undefined while that kind is off. */
  deviceInUse(kind: 'audioinput' | 'videoinput'): string | undefined {
    const track = kind === 'audioinput' ? this.audioTrack : this.videoTrack;
    return track ? (track.getSettings().deviceId ?? this.deviceId(kind)) : undefined;
  }

  /**
   * Switches to another device. Captures the new track first so a failure leaves the old one
   * running; a kind that is off (camera stopped) only remembers the choice. Returns the new track.
   * `handover` runs once the new track is in the stream (senders swap to it); the old track is
   * stopped only after it, so the others never receive a stopped track.
   */
  async setDevice(kind: 'audioinput' | 'videoinput', deviceId: string, handover?: () => Promise<void>): Promise<MediaStreamTrack | null> {
    const k: CaptureKind = kind === 'audioinput' ? 'audio' : 'video';
    this.devices[k] = deviceId;
    const old = k === 'audio' ? this.audioTrack : this.videoTrack;
    if (!old) return null;
    const track = await this.capture(k, true);
    track.enabled = old.enabled; // a muted microphone stays muted on the new device
    this.swap(k, track, false);
    try {
      await handover?.();
    } finally {
      old.stop();
    }
    return track;
  }

  /** Stops the camera (its light goes off) and removes the track from the stream. */
  stopVideo(): void {
    this.swap('video', null);
  }

  /** Starts the camera if it is off; throws CallError when it cannot. */
  async startVideo(): Promise<MediaStreamTrack> {
    return this.start('video');
  }

  /** Starts the microphone if there is none (e.g. it was denied at first); throws CallError when it cannot. */
  async startAudio(): Promise<MediaStreamTrack> {
    return this.start('audio');
  }

  /** Stops every track: the call is over. */
  stop(): void {
    this.swap('audio', null);
    this.swap('video', null);
  }

  private async start(kind: CaptureKind): Promise<MediaStreamTrack> {
    const existing = kind === 'audio' ? this.audioTrack : this.videoTrack;
    if (existing) return existing;
    const track = await this.capture(kind, false);
    this.swap(kind, track);
    return track;
  }

  private async capture(kind: CaptureKind, exact: boolean): Promise<MediaStreamTrack> {
    try {
      const s = await this.deps.getUserMedia({ [kind]: constraints(kind, this.devices[kind], exact) });
      const track = s.getTracks().find((t) => t.kind === kind);
      if (!track) throw Object.assign(new Error('no track'), { name: 'NotFoundError' });
      return track;
    } catch (err) {
      throw err instanceof CallError ? err : captureError(kind, err);
    }
  }

  /** Replaces (or removes) the track of a kind in the one stream, stopping the old one unless told not to. */
  private swap(kind: CaptureKind, track: MediaStreamTrack | null, stopOld = true): void {
    const old = kind === 'audio' ? this.audioTrack : this.videoTrack;
    if (old === track) return;
    if (old) {
      if (stopOld) old.stop();
      this.stream.removeTrack(old);
    }
    if (track) {
      this.stream.addTrack(track);
      this.watch(track);
    }
    this.emit('tracksChanged', { audio: this.audioTrack, video: this.videoTrack });
  }

  /** An unplugged device ends its track: drop it so the UI and the transport see it is gone. */
  private watch(track: MediaStreamTrack): void {
    track.addEventListener?.('ended', () => {
      if (!this.stream.getTracks().includes(track)) return;
      const kind = track.kind as CaptureKind;
      const deviceId = track.getSettings().deviceId ?? this.devices[kind];
      this.swap(kind, null);
      this.emit('deviceLost', { kind: kind === 'audio' ? 'audioinput' : 'videoinput', deviceId, enabled: track.enabled });
    });
  }
}
