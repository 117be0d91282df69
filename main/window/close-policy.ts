/**
 * What closing the window does. During a call the call keeps running in the tray (leaving by
 * accident is worse than a window that stays around); outside a call the app quits. Both are
 * configurable through the `closeToTray` setting. Where no tray icon can be shown (stock GNOME has
 * no tray host, yet `new Tray()` succeeds there) the window is minimized instead of hidden, so
 * there is always a way back.
 */

/** 'in-call' (default): keep running during a call, quit otherwise; 'always': keep running; 'never': always quit. */
export type CloseToTray = 'in-call' | 'always' | 'never';

export interface CloseContext {
  readonly inCall: boolean;
  readonly closeToTray: CloseToTray;
  /** True once the app is quitting (menu Quit, OS shutdown or log-off): then the window really closes. */
  readonly quitting: boolean;
  /** False where no tray icon is shown: hiding would leave no way back. */
  readonly trayAvailable: boolean;
}

/** 'hide' keeps the app in the tray; 'minimize' keeps it in the task bar/dock; 'quit' ends it. */
export type CloseDecision = 'hide' | 'minimize' | 'quit';

/** Decides what a close does. */
export function decideClose(ctx: CloseContext): CloseDecision {
  if (ctx.quitting) return 'quit';
  const keepRunning = ctx.closeToTray === 'always' || (ctx.closeToTray === 'in-call' && ctx.inCall);
  if (!keepRunning) return 'quit';
  return ctx.trayAvailable ? 'hide' : 'minimize';
}

/** Shows the "still in the call" notice only the first time the window hides into the tray. */
export class TrayNotice {
  private shown = false;

  /** True when the notice should be shown now (and marks it shown). */
  take(): boolean {
    if (this.shown) return false;
    this.shown = true;
    return true;
  }
}
