/** Every renderer → main channel and the feature function it reaches, in one list. */
import type { IpcRouter } from './router';
import type { ScreenPicker } from '../screen-picker/main';
import { CancelRequestSchema, ChooseRequestSchema, PickerChannels, SourcesRequestSchema } from '../screen-picker/constants';
import type { TrayController } from '../tray/tray';
import { CallStateSchema, TrayChannels } from '../tray/constants';
import type { PublicSettings } from '../settings/constants';
import { NoPayloadSchema, SettingsChannels } from '../settings/constants';

export interface HandlerTargets {
  readonly picker: ScreenPicker;
  readonly tray: TrayController;
  publicSettings(): PublicSettings;
}

/** Registers the handlers; the router has already checked sender and payload when they run. */
export function registerIpcHandlers(router: IpcRouter, t: HandlerTargets): void {
  router.handle(PickerChannels.sources, SourcesRequestSchema, (p, caller) => t.picker.listSources(p.requestId, caller.webContentsId));
  router.handle(PickerChannels.choose, ChooseRequestSchema, (p, caller) => ({ ok: t.picker.choose(p, caller.webContentsId) }));
  router.handle(PickerChannels.cancel, CancelRequestSchema, (p, caller) => ({ ok: t.picker.cancel(p.requestId, caller.webContentsId) }));
  router.handle(SettingsChannels.get, NoPayloadSchema, () => t.publicSettings());
  router.on(TrayChannels.state, CallStateSchema, (state) => t.tray.update(state));
}
