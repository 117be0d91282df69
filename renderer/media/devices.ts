/** Media devices: listing by kind, change notifications, remembered choices. */

export type DeviceKind = 'audioinput' | 'videoinput' | 'audiooutput';

/** One device as the pickers show it. */
export interface DeviceOption {
  deviceId: string;
  label: string;
  kind: DeviceKind;
}

export type DeviceLists = Record<DeviceKind, DeviceOption[]>;

/** localStorage keys of remembered devices, all in one place (shared with renderer/ui/lib/prefs: `confer.<pref>`). */
export const DeviceStorageKeys: Record<DeviceKind, string> = {
  audioinput: 'confer.micId',
  videoinput: 'confer.cameraId',
  audiooutput: 'confer.speakerId',
};

type DevicesApi = Pick<MediaDevices, 'enumerateDevices' | 'addEventListener' | 'removeEventListener'>;
type Store = Pick<Storage, 'getItem' | 'setItem'>;

function browserDevices(): DevicesApi | null {
  return typeof navigator !== 'undefined' && navigator.mediaDevices ? navigator.mediaDevices : null;
}

function browserStore(): Store | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // storage disabled (sandbox, private mode)
  }
}

const FALLBACK_LABEL: Record<DeviceKind, string> = { audioinput: 'Microphone', videoinput: 'Camera', audiooutput: 'Speaker' };

/** Lists devices grouped by kind. Labels are empty until a capture permission was granted: number them instead. */
export async function listDevices(api: DevicesApi | null = browserDevices()): Promise<DeviceLists> {
  const lists: DeviceLists = { audioinput: [], videoinput: [], audiooutput: [] };
  if (!api) return lists;
  for (const d of await api.enumerateDevices()) {
    const kind = d.kind as DeviceKind;
    if (!(kind in lists) || !d.deviceId) continue;
    lists[kind].push({ deviceId: d.deviceId, kind, label: d.label || `${FALLBACK_LABEL[kind]} ${lists[kind].length + 1}` });
  }
  return lists;
}

/** Calls `fn` when devices are plugged or unplugged; returns the unsubscribe function. */
export function onDeviceChange(fn: () => void, api: DevicesApi | null = browserDevices()): () => void {
  if (!api) return () => undefined;
  api.addEventListener('devicechange', fn);
  return () => api.removeEventListener('devicechange', fn);
}

/** Remembers the chosen device of a kind. */
export function rememberDevice(kind: DeviceKind, deviceId: string, store: Store | null = browserStore()): void {
  try {
    store?.setItem(DeviceStorageKeys[kind], deviceId);
  } catch {
    // quota or disabled storage: the choice just isn't remembered
  }
}

/** The remembered device of a kind, if any. */
export function rememberedDevice(kind: DeviceKind, store: Store | null = browserStore()): string | undefined {
  try {
    return store?.getItem(DeviceStorageKeys[kind]) || undefined;
  } catch {
    return undefined;
  }
}
