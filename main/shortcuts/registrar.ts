/**
 * Global shortcuts (desktop only, off by default): a mute toggle and push-to-talk, from the
 * settings `toggleMuteShortcut` and `pushToTalkShortcut` ('' = off). Their actions go to the page
 * on the tray's action channel, so the call handles them like the tray menu's "Mute".
 *
 * Push-to-talk "hold": Electron's globalShortcut reports presses only, never a key release. The
 * first press sends `push-to-talk-start` (the page unmutes); while the key is held the OS repeats
 * the press (key auto-repeat), and once presses stop for `holdMs` (400 ms) `push-to-talk-end`
 * follows (the page mutes again). Limit: where the OS does not repeat a held global hotkey (not
 * checked on each OS yet; macOS hotkeys and Windows hotkeys registered with MOD_NOREPEAT may not),
 * a hold reads as one press and the microphone stays open only `holdMs` after it; the mute toggle
 * works the same everywhere.
 */
import type { TrayAction } from '../../protocol/ipc/tray';

/** The parts of Electron's globalShortcut we use. */
export interface GlobalShortcutPort {
  /** false when the OS or another app holds the accelerator; throws when it cannot be parsed. */
  register(accelerator: string, callback: () => void): boolean;
  unregister(accelerator: string): void;
}

export interface Shortcuts {
  readonly pushToTalkShortcut: string;
  readonly toggleMuteShortcut: string;
}

export interface ShortcutDeps {
  readonly globalShortcut: GlobalShortcutPort;
  /** Sends an action to the page (the tray action channel). */
  send(action: TrayAction): void;
  /** Reports a shortcut that could not be registered, in words for the log. */
  problem(message: string): void;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(timer: unknown): void;
  /** Silence after the last press that ends a push-to-talk hold (default 400 ms). */
  readonly holdMs?: number;
}

export interface ShortcutRegistrar {
  /** Registers the new accelerators (only what changed is touched). */
  update(shortcuts: Shortcuts): void;
  /** Unregisters everything; a push-to-talk hold in progress ends (the page mutes again). */
  dispose(): void;
}

export const PUSH_TO_TALK_HOLD_MS = 400;

type Name = keyof Shortcuts;
const NAMES: readonly Name[] = ['toggleMuteShortcut', 'pushToTalkShortcut'];
const LABEL: Record<Name, string> = { pushToTalkShortcut: 'push-to-talk', toggleMuteShortcut: 'mute toggle' };

/** Registers the shortcuts given and keeps them in step with `update`. */
export function createShortcutRegistrar(deps: ShortcutDeps, initial: Shortcuts): ShortcutRegistrar {
  const holdMs = deps.holdMs ?? PUSH_TO_TALK_HOLD_MS;
  /** The accelerator each shortcut holds right now ('' = none registered). */
  const held: Record<Name, string> = { pushToTalkShortcut: '', toggleMuteShortcut: '' };
  /** What the settings asked for last (a refused accelerator is reported once, not on every update). */
  const wanted: Record<Name, string> = { pushToTalkShortcut: '', toggleMuteShortcut: '' };
  let holdTimer: unknown = null;

  const endHold = () => {
    if (holdTimer === null) return;
    deps.clearTimer(holdTimer);
    holdTimer = null;
    deps.send('push-to-talk-end');
  };
  const onPushToTalk = () => {
    if (holdTimer === null) deps.send('push-to-talk-start');
    else deps.clearTimer(holdTimer);
    holdTimer = deps.setTimer(() => {
      holdTimer = null;
      deps.send('push-to-talk-end');
    }, holdMs);
  };
  const callbacks: Record<Name, () => void> = {
    pushToTalkShortcut: onPushToTalk,
    toggleMuteShortcut: () => deps.send('toggle-mute'),
  };

  const release = (name: Name) => {
    if (held[name] !== '') deps.globalShortcut.unregister(held[name]);
    held[name] = '';
    if (name === 'pushToTalkShortcut') endHold();
  };
  const claim = (name: Name, accelerator: string) => {
    let ok: boolean;
    try {
      ok = deps.globalShortcut.register(accelerator, callbacks[name]);
    } catch (e) {
      deps.problem(`the ${LABEL[name]} shortcut "${accelerator}" is not a valid accelerator (${(e as Error).message}); it is off`);
      return;
    }
    if (ok) held[name] = accelerator;
    else deps.problem(`the ${LABEL[name]} shortcut "${accelerator}" is taken by the system or another app; it is off`);
  };

  const update = (next: Shortcuts) => {
    // Only changed settings are touched: a refused accelerator is reported once, not on every update.
    const changed = NAMES.filter((n) => next[n] !== wanted[n]);
    for (const n of changed) wanted[n] = next[n];
    // Free every old accelerator first: the two settings may swap keys.
    for (const n of changed) release(n);
    for (const n of changed) {
      if (next[n] === '') continue;
      const other = NAMES.find((o) => o !== n && held[o] === next[n]);
      if (other) deps.problem(`the ${LABEL[n]} shortcut "${next[n]}" is already the ${LABEL[other]} shortcut; it is off`);
      else claim(n, next[n]);
    }
  };

  update(initial);
  return {
    update,
    dispose: () => {
      for (const n of NAMES) {
        release(n);
        wanted[n] = '';
      }
    },
  };
}
