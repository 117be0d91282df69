/** Preload half of settings: read-only; users edit settings.json, administrators the policy. */
import type { BridgeTransport } from '../ipc/bridge-transport';
import type { DesktopApi } from '../../protocol/ipc/contract';
import { NoPayloadSchema, PublicSettingsSchema, SettingsChannels } from '../../protocol/ipc/settings';

/** Builds `window.desktop.settings`. */
export function createSettingsBridge(t: BridgeTransport): DesktopApi['settings'] {
  return { get: () => t.invoke(SettingsChannels.get, NoPayloadSchema, undefined, PublicSettingsSchema) };
}
