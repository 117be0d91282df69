/** Window channels: main says when the app window is minimised, hidden or back; the page asks to bring it back. */
import { z } from 'zod';

export const WindowChannels = {
  /** main → renderer: the app window's state changed (the page opens or closes its mini window). */
  state: 'confer:window:state',
  /** renderer → main (send, no payload): show, restore and focus the app window (mini window, notification click). */
  show: 'confer:window:show',
} as const;

/** `normal`: on screen (focused or not); `minimized`: in the taskbar or dock; `hidden`: closed to the tray. */
export const WindowStateSchema = z.object({ state: z.enum(['normal', 'minimized', 'hidden']) }).strict();
export type WindowState = z.infer<typeof WindowStateSchema>['state'];

/** window:show takes no payload. */
export const ShowWindowSchema = z.undefined();

/** The only window.open frame name main allows: the call's always-on-top mini window (see main/window/guards.ts). */
export const MINI_WINDOW_NAME = 'confer-mini';
