/**
 * What closing the window does. During a call the call keeps running in the tray (leaving by
 * accident is worse than a window that stays around); outside a call the app quits. Both are
 * configurable through the `closeToTray` setting.
 */

/** 'in-call' (default): hide during a call, quit otherwise; 'always': always hide; 'never': always quit. */
export type CloseToTray = 'in-call' | 'always' | 'never';

export interface CloseContext {
  readonly inCall: boolean;
  readonly closeToTray: CloseToTray;
  /** True once the app is quitting (menu Quit, OS shutdown): then the window really closes. */
  readonly quitting: boolean;
  /** False where no tray icon could be created: hiding would leave no way back. */
  readonly trayAvailable: boolean;
}

/** 'hide' keeps the app (and the call) running in the tray; 'quit' ends the app. */
export function decideClose(ctx: CloseContext): 'hide' | 'quit' {
  if (ctx.quitting || !ctx.trayAvailable) return 'quit';
  if (ctx.closeToTray === 'always') return 'hide';
  if (ctx.closeToTray === 'in-call' && ctx.inCall) return 'hide';
  return 'quit';
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
