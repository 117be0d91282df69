/** Preload half of settings: read them all, change one, hear about changes from any window. */
import type { BridgeTransport } from '../ipc/bridge-transport';
import type { DesktopApi } from '../../protocol/ipc/contract';
import { NoPayloadSchema, PublicSettingsSchema, SetSettingRequestSchema, SetSettingResultSchema, SettingsChannels } from '../../protocol/ipc/settings';

/** Builds `window.desktop.settings`. */
export function createSettingsBridge(t: BridgeTransport): DesktopApi['settings'] {
  return {
    get: () => t.invoke(SettingsChannels.get, NoPayloadSchema, undefined, PublicSettingsSchema),
    set: (request) => t.invoke(SettingsChannels.set, SetSettingRequestSchema, request, SetSettingResultSchema),
    onChanged: (listener) => t.subscribe(SettingsChannels.changed, PublicSettingsSchema, listener),
  };
}
