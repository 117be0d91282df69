/** Preload half of the window channels: its state comes down, "show it" goes up. */
import type { BridgeTransport } from '../ipc/bridge-transport';
import type { DesktopApi } from '../../protocol/ipc/contract';
import { ShowWindowSchema, WindowChannels, WindowStateSchema } from '../../protocol/ipc/window';

/** Builds `window.desktop.window`. */
export function createWindowBridge(t: BridgeTransport): DesktopApi['window'] {
  return {
    onState: (listener) => t.subscribe(WindowChannels.state, WindowStateSchema, (p) => listener(p.state)),
    show: () => t.send(WindowChannels.show, ShowWindowSchema, undefined),
  };
}
