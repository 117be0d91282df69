/**
 * The renderer's typed access to the desktop shell's `window.desktop` (exposed by main/preload.ts).
 * In a plain browser there is no bridge: every helper here has a fallback, so components can use
 * them unconditionally. Types come from the IPC contract in protocol/ipc, which both sides share.
 */
import type { DesktopApi, DesktopPickerApi, Unsubscribe } from '../../protocol/ipc/contract';
import type { CallState, TrayAction } from '../../protocol/ipc/tray';
import type { PublicSettings, SetSettingRequest, SetSettingResult } from '../../protocol/ipc/settings';
import type { WindowState } from '../../protocol/ipc/window';

export type { DesktopPickerApi, Unsubscribe };
export type { ScreenSource, PickerOpen, CloseReason } from '../../protocol/ipc/picker';

declare global {
  interface Window {
    /** Present only inside the desktop app. */
    readonly desktop?: DesktopApi;
  }
}

const none: Unsubscribe = () => {};

/** The bridge, or null in a browser (or with a bridge version this build does not know). */
export function desktopApi(): DesktopApi | null {
  if (typeof window === 'undefined') return null;
  const api = window.desktop;
  return api && api.version === 1 ? api : null;
}

/** The effective desktop settings (policy applied), or null in a browser. */
export async function desktopSettings(): Promise<PublicSettings | null> {
  const api = desktopApi();
  return api ? api.settings.get() : null;
}

/** Changes one desktop setting; null in a browser (nothing to change there). */
export async function setDesktopSetting(request: SetSettingRequest): Promise<SetSettingResult | null> {
  const api = desktopApi();
  return api ? api.settings.set(request) : null;
}

/** The desktop settings after any window changed one; never fires in a browser. */
export function onDesktopSettingsChanged(listener: (settings: PublicSettings) => void): Unsubscribe {
  return desktopApi()?.settings.onChanged(listener) ?? none;
}

/** Tells the tray whether a call runs and whether the microphone is muted; no-op in a browser. */
export function reportCallState(state: CallState): void {
  desktopApi()?.tray.setCallState(state);
}

/** Tray menu actions ("Mute", "Leave call"); never fires in a browser. */
export function onTrayAction(listener: (action: TrayAction) => void): Unsubscribe {
  return desktopApi()?.tray.onAction(listener) ?? none;
}

/**
 * Room links (`confer://join/<room>`, invite links) opened while a call runs: the main process
 * sends them here instead of switching rooms itself, so the page can ask before leaving the call.
 * Never fires in a browser.
 */
export function onJoinRequest(listener: (room: string) => void): Unsubscribe {
  return desktopApi()?.deepLinks.onJoin((r) => listener(r.room)) ?? none;
}

/** The computer woke from sleep or was unlocked (desktop app only); never fires in a browser. */
export function onSystemWake(listener: () => void): Unsubscribe {
  return desktopApi()?.system.onWake(() => listener()) ?? none;
}

/** The screen picker's side of the bridge, or null in a browser (which shows its own picker). */
export function desktopPicker(): DesktopPickerApi | null {
  return desktopApi()?.picker ?? null;
}

/** The app window was minimised, hidden to the tray or is back on screen; never fires in a browser. */
export function onWindowState(listener: (state: WindowState) => void): Unsubscribe {
  return desktopApi()?.window.onState(listener) ?? none;
}

/** Brings the app window back: restored and shown by the desktop app, focused in a browser. */
export function showAppWindow(): void {
  const api = desktopApi();
  if (api) api.window.show();
  else if (typeof window !== 'undefined') window.focus();
}
