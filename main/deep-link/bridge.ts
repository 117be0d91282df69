/** Preload half of deep links: join requests that arrive while the app already runs. */
import type { BridgeTransport } from '../ipc/bridge-transport';
import type { DesktopApi } from '../../protocol/ipc/contract';
import { DeepLinkChannels, JoinRequestSchema } from '../../protocol/ipc/deep-link';

/** Builds `window.desktop.deepLinks`. */
export function createDeepLinkBridge(t: BridgeTransport): DesktopApi['deepLinks'] {
  return { onJoin: (listener) => t.subscribe(DeepLinkChannels.join, JoinRequestSchema, listener) };
}
