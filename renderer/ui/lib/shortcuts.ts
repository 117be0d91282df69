/** The call's keyboard shortcuts: Ctrl+D (or Cmd+D) toggles the mic, Ctrl+E (or Cmd+E) the camera. */
export type ShortcutAction = 'toggleMic' | 'toggleCamera';

export interface KeyLike {
  key: string;
  code?: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  repeat?: boolean;
}

export function matchShortcut(e: KeyLike): ShortcutAction | null {
  if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey || e.repeat) return null;
  const key = e.key.toLowerCase();
  // `code` keeps the shortcut working on layouts where the key is not a Latin letter.
  if (key === 'd' || e.code === 'KeyD') return 'toggleMic';
  if (key === 'e' || e.code === 'KeyE') return 'toggleCamera';
  return null;
}
