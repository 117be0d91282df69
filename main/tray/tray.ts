/**
 * The tray icon, behind an injectable factory (the Signal-Desktop `createTrayInstance` idea):
 * tests pass a fake tray and a fake menu builder, index.ts passes Electron's Tray and Menu.
 */
import type { CallState } from '../../protocol/ipc/tray';
import type { TrayMenuActions, TrayMenuItem } from './menu';
import { buildTrayMenu, trayTooltip } from './menu';

/** The parts of Electron's Tray we use. */
export interface TrayPort {
  setToolTip(text: string): void;
  setContextMenu(menu: unknown): void;
  on(event: 'click', listener: () => void): unknown;
  destroy(): void;
}

export interface TrayDeps {
  /** Creates the OS tray icon; may throw where there is no tray (some Linux desktops). */
  createTray(): TrayPort;
  /** Turns menu data into a native menu (Menu.buildFromTemplate). */
  buildMenu(items: TrayMenuItem[]): unknown;
  readonly actions: TrayMenuActions;
  warn(message: string): void;
  /** Shows an OS notification (Electron's Notification); clicking it shows the window. */
  notify?(title: string, body: string): void;
}

/** Keeps the tray icon's menu and tooltip in step with the call state. */
export class TrayController {
  private tray: TrayPort | null = null;
  private state: CallState = { inCall: false, muted: false };

  constructor(private readonly deps: TrayDeps) {}

  /**
   * Creates the icon; false when the platform has no tray. `hostPresent` false (see host.ts)
   * creates nothing: an icon nobody shows would make closing the window hide it for good.
   */
  start(hostPresent = true): boolean {
    if (this.tray) return true;
    if (!hostPresent) {
      this.deps.warn('no tray host on this desktop: closing the window minimizes it instead');
      return false;
    }
    try {
      this.tray = this.deps.createTray();
    } catch (e) {
      this.deps.warn(`no tray available: ${(e as Error).message}`);
      return false;
    }
    this.tray.on('click', () => this.deps.actions.showWindow());
    this.render();
    return true;
  }

  /** True while an icon exists. */
  get available(): boolean {
    return this.tray !== null;
  }

  /** The last state the renderer reported. */
  get callState(): CallState {
    return this.state;
  }

  /** Applies a state report from the renderer (only when something changed). */
  update(state: CallState): void {
    const waiting = state.inCall ? (state.waiting ?? 0) : 0;
    const next = { inCall: state.inCall, muted: state.inCall && state.muted, sharing: state.inCall && state.sharing === true, waiting, recording: state.inCall && state.recording === true };
    const before = this.state;
    const same = next.inCall === before.inCall && next.muted === before.muted && next.sharing === (before.sharing ?? false) && waiting === (before.waiting ?? 0);
    if (same && next.recording === (before.recording ?? false)) return;
    this.state = next;
    this.render();
    // Someone new knocks: a host may have the window hidden or behind others.
    if (waiting > (before.waiting ?? 0)) {
      this.deps.notify?.('Waiting to join', waiting === 1 ? 'Someone is waiting to join your meeting.' : `${waiting} people are waiting to join your meeting.`);
    }
  }

  destroy(): void {
    this.tray?.destroy();
    this.tray = null;
  }

  private render(): void {
    if (!this.tray) return;
    this.tray.setToolTip(trayTooltip(this.state));
    this.tray.setContextMenu(this.deps.buildMenu(buildTrayMenu(this.state, this.deps.actions)));
  }
}
