import type { CallError } from '../../call/api';
import { LocalMedia } from '../../media/local-media';
import { listDevices, onDeviceChange, type DeviceLists } from '../../media/devices';
import { createLevelMeter, type LevelSource } from '../../media/level-meter';
import { levelPercent } from '../lib/level';
import { prefs, setPref } from './prefs.svelte';

export type InputKind = 'audioinput' | 'videoinput';
const NO_DEVICES: DeviceLists = { audioinput: [], videoinput: [], audiooutput: [] };
const METER_INTERVAL_MS = 100;

/**
 * The lobby's view model: local preview media, device lists, mic level and device problems.
 * State is read-only to components; they call `start`, `selectDevice`, `handOff`, `dispose`.
 */
export class LobbyModel {
  #media = $state.raw<LocalMedia | null>(null);
  #stream = $state.raw<MediaStream | null>(null);
  #problems = $state.raw<readonly CallError[]>([]);
  #devices = $state.raw<DeviceLists>(NO_DEVICES);
  #level = $state(0);
  #cameraId = $state('');
  #micId = $state('');
  #ready = $state(false);
  #hasVideo = $state(false);
  #micOn = $state(false);

  #meter: LevelSource | null = null;
  #meterTimer: ReturnType<typeof setInterval> | null = null;
  #cleanups: (() => void)[] = [];
  #disposed = false;
  #handedOff = false;

  get media() { return this.#media; }
  get stream() { return this.#stream; }
  get problems() { return this.#problems; }
  get devices() { return this.#devices; }
  /** Microphone level 0..100. */
  get level() { return this.#level; }
  get cameraId() { return this.#cameraId; }
  get micId() { return this.#micId; }
  /** Whether a camera track is live (otherwise the preview shows an avatar). */
  get hasVideo() { return this.#hasVideo; }
  /** Whether the microphone will be live when joining. */
  get micOn() { return this.#micOn; }
  /** True once media acquisition finished (with or without devices). */
  get ready() { return this.#ready; }

  async start(): Promise<void> {
    const { media, problems } = await LocalMedia.acquire({
      audioDeviceId: prefs.micId || undefined,
      videoDeviceId: prefs.cameraId || undefined,
    });
    if (this.#disposed) {
      media.stop();
      return;
    }
    this.#media = media;
    this.#problems = problems;
    const onTracks = () => this.#tracksChanged();
    media.on('tracksChanged', onTracks);
    this.#cleanups.push(() => media.off('tracksChanged', onTracks));
    this.#cleanups.push(onDeviceChange(() => void this.#refreshDevices()));
    this.#tracksChanged();
    await this.#refreshDevices();
    this.#ready = true;
  }

  /** Switches camera or microphone; a failure is shown with the other device problems. */
  async selectDevice(kind: InputKind, deviceId: string): Promise<void> {
    if (!this.#media) return;
    setPref(kind === 'videoinput' ? 'cameraId' : 'micId', deviceId);
    try {
      await this.#media.setDevice(kind, deviceId);
      this.#problems = this.#problems.filter((p) => p.code !== 'MEDIA_MISSING' && p.code !== 'MEDIA_DENIED');
    } catch (err) {
      this.#problems = [...this.#problems, err as CallError];
    }
    this.#tracksChanged();
  }

  /** Mutes or unmutes before joining (the call starts in that state). */
  async setMic(on: boolean): Promise<void> {
    const media = this.#media;
    if (!media) return;
    const track = media.audioTrack ?? (on ? await media.startAudio() : null);
    if (track) track.enabled = on;
    this.#tracksChanged();
  }

  /** Camera off stops the capture (the light goes off); on captures again. Throws CallError when it cannot. */
  async setCamera(on: boolean): Promise<void> {
    const media = this.#media;
    if (!media) return;
    if (on) await media.startVideo();
    else media.stopVideo();
    this.#tracksChanged();
  }

  /** Gives the media to the call: the lobby stops metering but no longer owns (or stops) the tracks. */
  handOff(): LocalMedia | null {
    this.#handedOff = true;
    this.dispose();
    return this.#media;
  }

  dispose(): void {
    this.#disposed = true;
    this.#stopMeter();
    for (const fn of this.#cleanups.splice(0)) fn();
    if (!this.#handedOff) this.#media?.stop();
  }

  #tracksChanged(): void {
    const media = this.#media;
    if (!media || this.#disposed) return;
    this.#stream = media.stream;
    this.#cameraId = media.videoTrack?.getSettings().deviceId ?? '';
    this.#micId = media.audioTrack?.getSettings().deviceId ?? '';
    this.#hasVideo = !!media.videoTrack;
    this.#micOn = !!media.audioTrack?.enabled;
    this.#stopMeter();
    this.#meter = createLevelMeter(media.stream);
    if (this.#meter) {
      this.#meterTimer = setInterval(() => {
        this.#level = levelPercent(this.#meter?.level() ?? 0);
      }, METER_INTERVAL_MS);
    }
  }

  async #refreshDevices(): Promise<void> {
    try {
      const devices = await listDevices();
      if (!this.#disposed) this.#devices = devices;
    } catch {
      // Enumeration can fail in locked-down browsers; the selects just stay empty.
    }
  }

  #stopMeter(): void {
    if (this.#meterTimer) clearInterval(this.#meterTimer);
    this.#meterTimer = null;
    this.#meter?.stop();
    this.#meter = null;
    this.#level = 0;
  }
}

/** Whether this browser can route audio to a chosen output (HTMLMediaElement.setSinkId). */
export const canSelectSpeaker = typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype;
