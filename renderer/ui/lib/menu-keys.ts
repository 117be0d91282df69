/** Keyboard movement in a menu (WAI-ARIA menu pattern): which item gets focus after a key. */

export type MenuKeyResult = { focus: number } | { select: number } | { close: true; returnFocus: boolean } | null;

/**
 * `current`: the focused item's index, `count`: how many items. Arrows wrap, Home/End jump,
 * Enter/Space choose, Escape closes and returns focus to the button, Tab closes and moves on.
 * Null: a key the menu leaves alone.
 */
export function menuKey(key: string, current: number, count: number): MenuKeyResult {
  if (count === 0) return key === 'Escape' || key === 'Tab' ? { close: true, returnFocus: key === 'Escape' } : null;
  switch (key) {
    case 'ArrowDown':
      return { focus: (current + 1 + count) % count };
    case 'ArrowUp':
      return { focus: (current - 1 + count) % count };
    case 'Home':
      return { focus: 0 };
    case 'End':
      return { focus: count - 1 };
    case 'Enter':
    case ' ':
      return current >= 0 ? { select: current } : null;
    case 'Escape':
      return { close: true, returnFocus: true };
    case 'Tab':
      return { close: true, returnFocus: false };
    default:
      return null;
  }
}
