/** The local side of a call: LocalMedia's tracks on the transport, media state, level meter. */
import type { MediaPatch } from '../../protocol';
import type { LevelSource } from '../media/level-meter';
import type { LocalMedia } from '../media/local-media';
import type { LocalTracks, MediaTransport } from './api';
import type { LocalParticipant } from './participant';
import type { VideoTransform } from '../media/effects/video-effects';
import type { TrackTransform } from '../media/track-transform';
import { adoptTracks } from './adopt-tracks';

export interface LocalControlsDeps {
  transport(): MediaTransport | null;
  /** Tells the others about a media change (no-op while not joined: join carries the state). */
  publish(patch: MediaPatch): void;
  createLevelMeter(stream: MediaStream): LevelSource | null;
  /** Makes the self view's stream (default `new MediaStream`; unit tests pass a fake). */
  createStream?(tracks: MediaStreamTrack[]): MediaStream;
}

export class LocalControls {
  /** What each transport sender currently carries, so syncs are idempotent. */
  private sent: { audio: MediaStreamTrack | null; video: MediaStreamTrack | null } = { audio: null, video: null };
  private levelMeter: LevelSource | null = null;
  /** Every replaceTrack started so far: a device switch stops the old track only once they are done. */
  private sending: Promise<unknown> = Promise.resolve();
  // --- background effects (renderer/media/effects): the camera track may be sent processed ---
  private videoTransform: VideoTransform | null = null;
  private unwatchTransform: (() => void) | null = null;
  /** The local tile's stream once a transform is set: one object for the session, its tracks swapped in place. */
  private selfView: MediaStream | null = null;
  // --- noise suppression (renderer/media/noise): the microphone track may be sent denoised ---
  private audioTransform: TrackTransform | null = null;
  private unwatchAudio: (() => void) | null = null;
  /** The microphone track last seen, to tell a device change from a transform change. */
  private lastMic: MediaStreamTrack | null = null;

  constructor(
    private readonly media: LocalMedia,
    private readonly local: LocalParticipant,
    private readonly deps: LocalControlsDeps,
  ) {
    this.lastMic = media.audioTrack;
    media.on('tracksChanged', () => void this.onTracksChanged());
  }

  get meter(): LevelSource | null {
    return this.levelMeter;
  }

  /** The tracks a new transport starts with; from now on they count as sent. */
  tracksForTransport(): LocalTracks {
    this.sent = { audio: this.outgoingAudio(), video: this.outgoingVideo() };
    return { ...this.sent, stream: this.media.stream };
  }

  async setMic(on: boolean): Promise<void> {
    if (on && !this.media.audioTrack) await this.media.startAudio();
    // Disabling keeps the sender: unmuting is instant and needs no renegotiation.
    if (this.media.audioTrack) this.media.audioTrack.enabled = on;
    await this.sync();
    this.update({ mic: on });
  }

  async setCamera(on: boolean): Promise<void> {
    if (on) await this.media.startVideo();
    else this.media.stopVideo();
    await this.sync();
    this.update({ camera: on });
  }

  /**
   * Another microphone or camera: the new track goes onto the existing senders (replaceTrack, no
   * renegotiation; through the effect while one runs), mute kept, the old track stopped after.
   */
  async switchDevice(kind: 'audioinput' | 'videoinput', deviceId: string): Promise<void> {
    await this.media.setDevice(kind, deviceId, async () => {
      await this.sync();
      await this.sending;
    });
    await this.sync();
  }

  /**
   * After the device in use was unplugged (its track already dropped): captures `deviceId`
   * instead, in the state it had (`on`: unmuted microphone, camera on). Rejects with MEDIA_*.
   */
  async restoreDevice(kind: 'audioinput' | 'videoinput', deviceId: string, on: boolean): Promise<void> {
    await this.media.setDevice(kind, deviceId);
    if (kind === 'videoinput') return on ? this.setCamera(true) : undefined;
    const track = await this.media.startAudio();
    track.enabled = on;
    await this.sync();
    this.update({ mic: on });
  }

  /**
   * Sends the camera through `transform` (a background effect), or as is with null. The sender's
   * track is swapped (replaceTrack): no renegotiation; camera on/off and device switches keep working.
   */
  async setVideoTransform(transform: VideoTransform | null): Promise<void> {
    this.unwatchTransform?.();
    this.videoTransform = transform;
    this.unwatchTransform = transform?.onChange(() => void this.sync().catch((e: unknown) => console.warn('effect sync failed', e))) ?? null;
    await this.sync();
  }

  /**
   * Sends the microphone through `transform` (noise suppression), or as is with null: replaceTrack,
   * no renegotiation. Muting keeps working: the sent track follows the microphone's `enabled`.
   */
  async setAudioTransform(transform: TrackTransform | null): Promise<void> {
    this.unwatchAudio?.();
    this.audioTransform = transform;
    this.unwatchAudio = transform?.onChange(() => void this.sync().catch((e: unknown) => console.warn('noise suppression sync failed', e))) ?? null;
    await this.sync();
  }

  /** The microphone track as it is sent: denoised while suppression runs, muted when the microphone is. */
  private outgoingAudio(): MediaStreamTrack | null {
    const mic = this.media.audioTrack;
    if (!mic || !this.audioTransform) return mic;
    const out = this.audioTransform.output(mic);
    out.enabled = mic.enabled;
    return out;
  }

  /** The camera track as it is sent: processed while an effect runs. */
  private outgoingVideo(): MediaStreamTrack | null {
    const camera = this.media.videoTrack;
    return camera && this.videoTransform ? this.videoTransform.output(camera) : camera;
  }

  /**
   * The local tile shows what the others see (the processed camera, as Meet and Zoom do). Until a
   * transform is set it is LocalMedia's own stream; from then on one stream whose tracks follow
   * the senders', so the tile's <video> is never re-attached when the effect turns on or off.
   */
  private showSelf(video: MediaStreamTrack | null): void {
    if (!this.videoTransform && !this.selfView) {
      this.local.setStream(this.media.stream);
      return;
    }
    const view = (this.selfView ??= this.deps.createStream?.([]) ?? new MediaStream());
    adoptTracks(view, [this.media.audioTrack, video].filter((t): t is MediaStreamTrack => t !== null));
    this.local.setStream(view);
  }
  // --- end background effects ---

  /** Optimistic: the local tile changes now; the server's answer confirms it. */
  update(patch: MediaPatch): void {
    const current = this.local.view.media;
    // Skip no-op patches: a track change and the method that caused it may both report it.
    if ((Object.keys(patch) as (keyof MediaPatch)[]).every((k) => current[k] === patch[k])) return;
    this.local.setMedia({ ...current, ...patch });
    this.deps.publish(patch);
  }

  startMeter(): void {
    this.stopMeter();
    if (this.media.audioTrack) this.levelMeter = this.deps.createLevelMeter(this.media.stream);
  }

  stopMeter(): void {
    this.levelMeter?.stop();
    this.levelMeter = null;
  }

  /** Makes every sender carry LocalMedia's current tracks (replaceTrack: no renegotiation). */
  private async sync(): Promise<void> {
    const video = this.outgoingVideo();
    const audio = this.outgoingAudio();
    this.showSelf(video);
    const transport = this.deps.transport();
    const ops: Promise<void>[] = [];
    for (const kind of ['audio', 'video'] as const) {
      const track = kind === 'audio' ? audio : video;
      if (track === this.sent[kind]) continue;
      this.sent[kind] = track;
      if (transport) ops.push(transport.replaceTrack(kind, track));
    }
    const sent = Promise.all(ops);
    this.sending = Promise.all([this.sending, sent]).catch(() => undefined);
    await sent;
  }

  /** Tracks also change under us (device switch, device unplugged): keep senders, meter and media state true. */
  private async onTracksChanged(): Promise<void> {
    const audioChanged = this.media.audioTrack !== this.lastMic;
    this.lastMic = this.media.audioTrack;
    await this.sync().catch((e: unknown) => console.warn('track sync failed', e));
    if (audioChanged && this.levelMeter) this.startMeter();
    const m = this.local.view.media;
    if (m.camera && !this.media.videoTrack) this.update({ camera: false });
    if (m.mic && !this.media.audioTrack) this.update({ mic: false });
  }
}
