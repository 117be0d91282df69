/** Preload half of the screen picker: the renderer's view of a pending getDisplayMedia() request. */
import type { BridgeTransport } from '../ipc/bridge-transport';
import type { DesktopPickerApi } from '../../protocol/ipc/contract';
import {
  AckSchema,
  CancelRequestSchema,
  ChooseRequestSchema,
  PickerChannels,
  PickerClosedSchema,
  PickerOpenSchema,
  SourcesRequestSchema,
  SourcesResultSchema,
} from '../../protocol/ipc/picker';

/** Builds `window.desktop.picker`. */
export function createPickerBridge(t: BridgeTransport): DesktopPickerApi {
  return {
    onOpen: (listener) => t.subscribe(PickerChannels.open, PickerOpenSchema, listener),
    onClosed: (listener) => t.subscribe(PickerChannels.closed, PickerClosedSchema, listener),
    listSources: (requestId) => t.invoke(PickerChannels.sources, SourcesRequestSchema, { requestId }, SourcesResultSchema),
    choose: async (choice) => (await t.invoke(PickerChannels.choose, ChooseRequestSchema, choice, AckSchema)).ok,
    cancel: async (requestId) => (await t.invoke(PickerChannels.cancel, CancelRequestSchema, { requestId }, AckSchema)).ok,
  };
}
