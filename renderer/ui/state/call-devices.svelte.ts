import type { DeviceWatch, InputKind } from '../../call/device-watch';
import type { DeviceLists, DeviceOption } from '../../media/devices';
import { t } from '../../i18n/i18n.svelte';
import { prefs, setPref } from './prefs.svelte';
import { attempt, showToast } from './toasts.svelte';

const NO_DEVICES: DeviceLists = { audioinput: [], videoinput: [], audiooutput: [] };
const PREF = { audioinput: 'micId', videoinput: 'cameraId' } as const;
/** Toasts with an action stay long enough to be acted on. */
const OFFER_TTL_MS = 12_000;

/**
 * The toolbar's device menus during a call: lists and current devices from the Room's
 * DeviceWatch, choices remembered in prefs, device changes told in toasts.
 */
export class CallDevices {
  #lists = $state.raw<DeviceLists>(NO_DEVICES);
  #micId = $state('');
  #cameraId = $state('');
  #off: (() => void)[] = [];

  constructor(private readonly watch: DeviceWatch) {
    this.#off.push(
      watch.on('changed', () => this.#read()),
      watch.on('fellBack', (kind, d) => showToast(t(kind === 'videoinput' ? 'devices.cameraFellBack' : 'devices.micFellBack', { label: d.label }))),
      watch.on('noneLeft', (kind) => showToast(t(kind === 'videoinput' ? 'devices.cameraNoneLeft' : 'devices.micNoneLeft'), 'error')),
      watch.on('offered', (kind, d) => this.#offer(kind, d)),
    );
    void watch.start();
  }

  get lists() { return this.#lists; }
  get micId() { return this.#micId; }
  get cameraId() { return this.#cameraId; }
  /** '' is the system default (the lobby may have remembered its 'default' entry, the same device). */
  get speakerId() { return prefs.speakerId === 'default' ? '' : prefs.speakerId; }

  /** A microphone or camera from a menu: switched now, remembered for next time. */
  select(kind: InputKind, deviceId: string): Promise<boolean> {
    setPref(PREF[kind], deviceId);
    return attempt(() => this.watch.use(kind, deviceId));
  }

  selectSpeaker(deviceId: string): void {
    setPref('speakerId', deviceId);
  }

  dispose(): void {
    for (const off of this.#off.splice(0)) off();
    this.watch.stop();
  }

  #read(): void {
    this.#lists = this.watch.lists;
    this.#micId = this.watch.inUse('audioinput') ?? '';
    this.#cameraId = this.watch.inUse('videoinput') ?? '';
  }

  #offer(kind: InputKind, device: DeviceOption): void {
    const text = t(kind === 'videoinput' ? 'devices.cameraOffered' : 'devices.micOffered', { label: device.label });
    showToast(text, 'info', OFFER_TTL_MS, { label: t('devices.useIt'), run: () => void this.select(kind, device.deviceId) });
  }
}
