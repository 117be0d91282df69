/**
 * Devices during a call: the lists the toolbar menus show, and what to do when devices come and
 * go. The decisions are in media/device-changes; this carries them out through the Room's controls.
 */
import { fallbackDevice, interpretDeviceChange, type InputKind } from '../media/device-changes';
import type { DeviceLists, DeviceOption } from '../media/devices';
import type { LocalMediaEvents } from '../media/local-media';
import { Emitter } from './emitter';
import { OpQueue } from './op-queue';

export type { InputKind } from '../media/device-changes';

export interface DeviceWatchDeps {
  list(): Promise<DeviceLists>;
  /** Subscribes to `devicechange`; returns the unsubscribe function. */
  onDeviceChange(fn: () => void): () => void;
  /** LocalMedia: which device captures, and its track events. */
  media: {
    deviceInUse(kind: InputKind): string | undefined;
    on<K extends keyof LocalMediaEvents>(event: K, fn: LocalMediaEvents[K]): () => void;
  };
  switchDevice(kind: InputKind, deviceId: string): Promise<void>;
  restoreDevice(kind: InputKind, deviceId: string, on: boolean): Promise<void>;
  /** Microphone off / camera off (nothing left to capture from). */
  turnOff(kind: InputKind): Promise<void>;
}

export interface DeviceWatchEvents {
  /** The lists or the devices in use changed (menus re-read them). */
  changed: () => void;
  /** The device in use disappeared; `device` is used instead. */
  fellBack: (kind: InputKind, device: DeviceOption) => void;
  /** The device in use disappeared and no other works: that kind is off, the call goes on. */
  noneLeft: (kind: InputKind) => void;
  /** A device was plugged in (offer to use it). */
  offered: (kind: InputKind, device: DeviceOption) => void;
}

const EMPTY: DeviceLists = { audioinput: [], videoinput: [], audiooutput: [] };

export class DeviceWatch extends Emitter<DeviceWatchEvents> {
  private current: DeviceLists = EMPTY;
  /** Device changes are handled one at a time, in order (an unplug fires `ended` and `devicechange`). */
  private readonly queue = new OpQueue();
  private stops: (() => void)[] = [];

  constructor(private readonly deps: DeviceWatchDeps) {
    super();
  }

  get lists(): DeviceLists {
    return this.current;
  }

  inUse(kind: InputKind): string | undefined {
    return this.deps.media.deviceInUse(kind);
  }

  /** Lists the devices and follows their changes until `stop`. */
  start(): Promise<void> {
    if (this.stops.length) return Promise.resolve();
    this.stops.push(
      this.deps.onDeviceChange(() => void this.queue.push(() => this.devicesChanged())),
      this.deps.media.on('tracksChanged', () => this.emit('changed')),
      this.deps.media.on('deviceLost', (lost) => void this.queue.push(() => this.trackLost(lost.kind, lost.deviceId, lost.enabled))),
    );
    return this.queue.push(async () => void (await this.refresh()));
  }

  stop(): void {
    for (const off of this.stops.splice(0)) off();
  }

  /** Switches to a listed device (a menu choice, or "Use it" on an offer). Rejects with MEDIA_*. */
  use(kind: InputKind, deviceId: string): Promise<void> {
    return this.queue.push(async () => {
      await this.deps.switchDevice(kind, deviceId);
      this.emit('changed');
    });
  }

  private async refresh(): Promise<DeviceLists> {
    const before = this.current;
    try {
      this.current = await this.deps.list();
    } catch (err) {
      console.warn('device listing failed', err);
    }
    this.emit('changed');
    return before;
  }

  private async devicesChanged(): Promise<void> {
    const inUse = { audioinput: this.inUse('audioinput'), videoinput: this.inUse('videoinput') };
    const before = await this.refresh();
    for (const change of interpretDeviceChange(before, this.current, inUse)) {
      if (change.type === 'added') this.emit('offered', change.kind, change.device);
      else if (change.fallback) await this.fallBack(change.kind, change.fallback, (id) => this.deps.switchDevice(change.kind, id));
      else await this.giveUp(change.kind);
    }
  }

  /** A capturing track ended by itself (LocalMedia already dropped it). */
  private async trackLost(kind: InputKind, deviceId: string | undefined, on: boolean): Promise<void> {
    await this.refresh();
    // A lost "default" means the system's default moved on: it is still the right choice.
    const device = fallbackDevice(this.current[kind], deviceId === 'default' ? undefined : deviceId);
    if (device) await this.fallBack(kind, device, (id) => this.deps.restoreDevice(kind, id, on));
    else this.emit('noneLeft', kind);
  }

  private async fallBack(kind: InputKind, device: DeviceOption, capture: (deviceId: string) => Promise<void>): Promise<void> {
    try {
      await capture(device.deviceId);
    } catch (err) {
      console.warn(`fallback to ${device.label} failed`, err);
      return this.giveUp(kind);
    }
    this.emit('fellBack', kind, device);
    this.emit('changed');
  }

  private async giveUp(kind: InputKind): Promise<void> {
    await this.deps.turnOff(kind).catch((err: unknown) => console.warn(`turning ${kind} off failed`, err));
    this.emit('noneLeft', kind);
    this.emit('changed');
  }
}
