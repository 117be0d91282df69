/** Preload half of the system channel: wake-ups come down. */
import type { BridgeTransport } from '../ipc/bridge-transport';
import type { DesktopApi } from '../../protocol/ipc/contract';
import { SystemChannels, SystemWakeSchema } from '../../protocol/ipc/system';

/** Builds `window.desktop.system`. */
export function createSystemBridge(t: BridgeTransport): DesktopApi['system'] {
  return {
    onWake: (listener) => t.subscribe(SystemChannels.wake, SystemWakeSchema, (p) => listener(p.cause)),
  };
}
