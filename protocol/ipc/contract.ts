/**
 * The whole bridge contract in one place: which channels exist in which direction, and the typed
 * API the preload exposes as `window.desktop`. Pure (zod only), so the preload, the main process
 * and — as types — the renderer share it.
 */
import type { ChooseRequest, CloseReason, PickerOpen, ScreenSource } from './picker';
import { PickerChannels } from './picker';
import type { CallState, TrayAction } from './tray';
import { TrayChannels } from './tray';
import type { JoinRequest } from './deep-link';
import { DeepLinkChannels } from './deep-link';
import type { PublicSettings, SetSettingRequest, SetSettingResult } from './settings';
import { SettingsChannels } from './settings';
import type { SystemWake } from './system';
import { SystemChannels } from './system';
import type { WindowState } from './window';
import { WindowChannels } from './window';

/** renderer → main, answered (ipcRenderer.invoke / ipcMain.handle). */
export const INVOKE_CHANNELS = [
  PickerChannels.sources,
  PickerChannels.choose,
  PickerChannels.cancel,
  SettingsChannels.get,
  SettingsChannels.set,
] as const;

/** renderer → main, fire and forget (ipcRenderer.send / ipcMain.on). */
export const SEND_CHANNELS = [TrayChannels.state, WindowChannels.show] as const;

/** main → renderer (webContents.send / ipcRenderer.on). */
export const EVENT_CHANNELS = [PickerChannels.open, PickerChannels.closed, TrayChannels.action, DeepLinkChannels.join, WindowChannels.state, SettingsChannels.changed, SystemChannels.wake] as const;

export type InvokeChannel = (typeof INVOKE_CHANNELS)[number];
export type SendChannel = (typeof SEND_CHANNELS)[number];
export type EventChannel = (typeof EVENT_CHANNELS)[number];

export function isInvokeChannel(c: string): c is InvokeChannel {
  return (INVOKE_CHANNELS as readonly string[]).includes(c);
}
export function isSendChannel(c: string): c is SendChannel {
  return (SEND_CHANNELS as readonly string[]).includes(c);
}
export function isEventChannel(c: string): c is EventChannel {
  return (EVENT_CHANNELS as readonly string[]).includes(c);
}

/** Stops a subscription. */
export type Unsubscribe = () => void;

/** The screen picker as the renderer sees it. */
export interface DesktopPickerApi {
  /** Called when getDisplayMedia() waits for a choice. */
  onOpen(listener: (request: PickerOpen) => void): Unsubscribe;
  /** Called when a pending request ended without a grant, with the reason (also after the renderer's own cancel). */
  onClosed(listener: (event: { requestId: string; reason: CloseReason }) => void): Unsubscribe;
  /** Screens and windows with fresh thumbnails; call again to refresh. */
  listSources(requestId: string): Promise<ScreenSource[]>;
  /** Share a listed source; resolves false when the request is no longer pending. */
  choose(choice: ChooseRequest): Promise<boolean>;
  cancel(requestId: string): Promise<boolean>;
}

/** `window.desktop`: the one narrow API the preload exposes. */
export interface DesktopApi {
  readonly version: 1;
  readonly picker: DesktopPickerApi;
  readonly tray: {
    /** Tell the tray whether a call runs and whether the microphone is muted. */
    setCallState(state: CallState): void;
    /** Tray menu actions ("Mute", "Leave call"). */
    onAction(listener: (action: TrayAction) => void): Unsubscribe;
  };
  readonly deepLinks: {
    /** A `confer://join/<room>` or invite link arrived while the app was running. */
    onJoin(listener: (request: JoinRequest) => void): Unsubscribe;
  };
  readonly settings: {
    /** Every effective setting and which ones the policy fixes. */
    get(): Promise<PublicSettings>;
    /** Changes one setting; the answer says why when nothing changed (managed, invalid, not written). */
    set(request: SetSettingRequest): Promise<SetSettingResult>;
    /** The effective settings after any window changed one. */
    onChanged(listener: (settings: PublicSettings) => void): Unsubscribe;
  };
  readonly window: {
    /** The app window was minimised, hidden to the tray, or is back on screen. */
    onState(listener: (state: WindowState) => void): Unsubscribe;
    /** Brings the app window back (restored, shown, focused). */
    show(): void;
  };
  readonly system: {
    /** The computer woke from sleep or was unlocked: network paths may have changed. */
    onWake(listener: (cause: SystemWake) => void): Unsubscribe;
  };
}
