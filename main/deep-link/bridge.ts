/** Preload half of deep links: join requests that arrive while the app already runs. */
import type { BridgeTransport } from '../ipc/bridge-transport';
import type { DesktopApi } from '../ipc/contract';
import { DeepLinkChannels, JoinRequestSchema } from './constants';

/** Builds `window.desktop.deepLinks`. */
export function createDeepLinkBridge(t: BridgeTransport): DesktopApi['deepLinks'] {
  return { onJoin: (listener) => t.subscribe(DeepLinkChannels.join, JoinRequestSchema, listener) };
}
