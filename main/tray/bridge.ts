/** Preload half of the tray: call state goes up, menu actions come down. */
import type { BridgeTransport } from '../ipc/bridge-transport';
import type { DesktopApi } from '../../protocol/ipc/contract';
import { CallStateSchema, TrayActionSchema, TrayChannels } from '../../protocol/ipc/tray';

/** Builds `window.desktop.tray`. */
export function createTrayBridge(t: BridgeTransport): DesktopApi['tray'] {
  return {
    setCallState: (state) => t.send(TrayChannels.state, CallStateSchema, state),
    onAction: (listener) => t.subscribe(TrayChannels.action, TrayActionSchema, (p) => listener(p.action)),
  };
}
