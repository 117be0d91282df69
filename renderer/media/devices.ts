/** Media devices: listing by kind and change notifications (the chosen ones are remembered in ui/lib/prefs). */
import type { MessageKey } from '../i18n/catalog';
import { text } from '../i18n/text';

export type DeviceKind = 'audioinput' | 'videoinput' | 'audiooutput';

/** One device as the pickers show it. */
export interface DeviceOption {
  deviceId: string;
  label: string;
  kind: DeviceKind;
}

export type DeviceLists = Record<DeviceKind, DeviceOption[]>;

type DevicesApi = Pick<MediaDevices, 'enumerateDevices' | 'addEventListener' | 'removeEventListener'>;

function browserDevices(): DevicesApi | null {
  return typeof navigator !== 'undefined' && navigator.mediaDevices ? navigator.mediaDevices : null;
}

const FALLBACK_LABEL: Record<DeviceKind, MessageKey> = { audioinput: 'lobby.microphone', videoinput: 'lobby.camera', audiooutput: 'lobby.speaker' };

/** Lists devices grouped by kind. Labels are empty until a capture permission was granted: number them instead. */
export async function listDevices(api: DevicesApi | null = browserDevices()): Promise<DeviceLists> {
  const lists: DeviceLists = { audioinput: [], videoinput: [], audiooutput: [] };
  if (!api) return lists;
  for (const d of await api.enumerateDevices()) {
    const kind = d.kind as DeviceKind;
    if (!(kind in lists) || !d.deviceId) continue;
    lists[kind].push({ deviceId: d.deviceId, kind, label: d.label || `${text(FALLBACK_LABEL[kind])} ${lists[kind].length + 1}` });
  }
  return lists;
}

/** Calls `fn` when devices are plugged or unplugged; returns the unsubscribe function. */
export function onDeviceChange(fn: () => void, api: DevicesApi | null = browserDevices()): () => void {
  if (!api) return () => undefined;
  api.addEventListener('devicechange', fn);
  return () => api.removeEventListener('devicechange', fn);
}
