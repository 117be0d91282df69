/**
 * What a change in the device list means for a call: plain decisions, no browser. Which device to
 * fall back to when the one in use is gone, and which newly plugged devices to offer.
 */
import type { DeviceKind, DeviceLists, DeviceOption } from './devices';

export type InputKind = 'audioinput' | 'videoinput';

/** Entries that name a role, not a device: Chromium's "default" and Windows' "communications". */
const ALIASES = new Set(['default', 'communications']);

export type DeviceChange =
  /** The device in use is gone: use `fallback` (null: none left, turn the kind off). */
  | { type: 'lost'; kind: InputKind; fallback: DeviceOption | null }
  /** A device was plugged in: offer it. */
  | { type: 'added'; kind: InputKind; device: DeviceOption };

/**
 * The device to use when `goneId` disappeared: the system default entry when the browser lists
 * one, else the first device listed (what getUserMedia picks without a deviceId). Null: none left.
 */
export function fallbackDevice(list: readonly DeviceOption[], goneId?: string): DeviceOption | null {
  const left = list.filter((d) => d.deviceId !== goneId);
  return left.find((d) => d.deviceId === 'default') ?? left[0] ?? null;
}

/** Whether `deviceId` is still listed for `kind`. An unknown id (nothing chosen) counts as present. */
export function isListed(lists: DeviceLists, kind: DeviceKind, deviceId: string | undefined): boolean {
  return !deviceId || lists[kind].some((d) => d.deviceId === deviceId);
}

/**
 * What happened between two listings, for the devices in use (`inUse`: the capturing track's
 * deviceId per kind, undefined while that kind is off). A kind that is off loses nothing.
 */
export function interpretDeviceChange(before: DeviceLists, after: DeviceLists, inUse: Partial<Record<InputKind, string>>): DeviceChange[] {
  const changes: DeviceChange[] = [];
  for (const kind of ['audioinput', 'videoinput'] as const) {
    const used = inUse[kind];
    if (used && !isListed(after, kind, used)) changes.push({ type: 'lost', kind, fallback: fallbackDevice(after[kind], used) });
    const known = new Set(before[kind].map((d) => d.deviceId));
    for (const device of after[kind]) {
      if (known.has(device.deviceId) || ALIASES.has(device.deviceId) || device.deviceId === used) continue;
      changes.push({ type: 'added', kind, device });
    }
  }
  return changes;
}
