/** Assembles `window.desktop` from the feature bridges; the preload exposes the result as is. */
import type { BridgeTransport } from './bridge-transport';
import type { DesktopApi } from '../../protocol/ipc/contract';
import { createPickerBridge } from '../screen-picker/bridge';
import { createTrayBridge } from '../tray/bridge';
import { createDeepLinkBridge } from '../deep-link/bridge';
import { createSettingsBridge } from '../settings/bridge';
import { createWindowBridge } from '../window/bridge';
import { createSystemBridge } from '../power/bridge';

/** The one API object the page gets; frozen so page code can't swap a method. */
export function createDesktopApi(t: BridgeTransport): DesktopApi {
  return Object.freeze({
    version: 1 as const,
    picker: Object.freeze(createPickerBridge(t)),
    tray: Object.freeze(createTrayBridge(t)),
    deepLinks: Object.freeze(createDeepLinkBridge(t)),
    settings: Object.freeze(createSettingsBridge(t)),
    window: Object.freeze(createWindowBridge(t)),
    system: Object.freeze(createSystemBridge(t)),
  });
}
