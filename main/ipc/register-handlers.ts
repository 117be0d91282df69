/** Every renderer → main channel and the feature function it reaches, in one list. */
import type { IpcRouter } from './router';
import type { ScreenPicker } from '../screen-picker/main';
import { CancelRequestSchema, ChooseRequestSchema, PickerChannels, SourcesRequestSchema } from '../../protocol/ipc/picker';
import type { TrayController } from '../tray/tray';
import { CallStateSchema, TrayChannels } from '../../protocol/ipc/tray';
import type { PublicSettings } from '../../protocol/ipc/settings';
import { NoPayloadSchema, SettingsChannels } from '../../protocol/ipc/settings';
import { ShowWindowSchema, WindowChannels } from '../../protocol/ipc/window';

export interface HandlerTargets {
  readonly picker: ScreenPicker;
  readonly tray: TrayController;
  publicSettings(): PublicSettings;
  /** Restores, shows and focuses the app window. */
  showWindow(): void;
}

/** Registers the handlers; the router has already checked sender and payload when they run. */
export function registerIpcHandlers(router: IpcRouter, t: HandlerTargets): void {
  router.handle(PickerChannels.sources, SourcesRequestSchema, (p, caller) => t.picker.listSources(p.requestId, caller.webContentsId));
  router.handle(PickerChannels.choose, ChooseRequestSchema, (p, caller) => ({ ok: t.picker.choose(p, caller.webContentsId) }));
  router.handle(PickerChannels.cancel, CancelRequestSchema, (p, caller) => ({ ok: t.picker.cancel(p.requestId, caller.webContentsId) }));
  router.handle(SettingsChannels.get, NoPayloadSchema, () => t.publicSettings());
  router.on(TrayChannels.state, CallStateSchema, (state) => t.tray.update(state));
  router.on(WindowChannels.show, ShowWindowSchema, () => t.showWindow());
}
