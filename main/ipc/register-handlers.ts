/** Every renderer → main channel and the feature function it reaches, in one list. */
import type { IpcRouter } from './router';
import type { ScreenPicker } from '../screen-picker/main';
import { CancelRequestSchema, ChooseRequestSchema, PickerChannels, SourcesRequestSchema } from '../../protocol/ipc/picker';
import type { TrayController } from '../tray/tray';
import { CallStateSchema, TrayChannels } from '../../protocol/ipc/tray';
import type { SettingsStore } from '../settings/store';
import { NoPayloadSchema, SetSettingRequestSchema, SettingsChannels } from '../../protocol/ipc/settings';
import { ShowWindowSchema, WindowChannels } from '../../protocol/ipc/window';

export interface HandlerTargets {
  readonly picker: ScreenPicker;
  readonly tray: TrayController;
  readonly settings: Pick<SettingsStore, 'view' | 'set'>;
  /** Restores, shows and focuses the app window. */
  showWindow(): void;
}

/** Registers the handlers; the router has already checked sender and payload when they run. */
export function registerIpcHandlers(router: IpcRouter, t: HandlerTargets): void {
  router.handle(PickerChannels.sources, SourcesRequestSchema, (p, caller) => t.picker.listSources(p.requestId, caller.webContentsId));
  router.handle(PickerChannels.choose, ChooseRequestSchema, (p, caller) => ({ ok: t.picker.choose(p, caller.webContentsId) }));
  router.handle(PickerChannels.cancel, CancelRequestSchema, (p, caller) => ({ ok: t.picker.cancel(p.requestId, caller.webContentsId) }));
  router.handle(SettingsChannels.get, NoPayloadSchema, () => t.settings.view());
  router.handle(SettingsChannels.set, SetSettingRequestSchema, (p) => t.settings.set(p.key, p.value));
  router.on(TrayChannels.state, CallStateSchema, (state) => t.tray.update(state));
  router.on(WindowChannels.show, ShowWindowSchema, () => t.showWindow());
}
