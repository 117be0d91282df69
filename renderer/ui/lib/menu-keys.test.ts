import { menuKey } from './menu-keys';

describe('menuKey', () => {
  it('arrows move and wrap, Home and End jump', () => {
    expect(menuKey('ArrowDown', 0, 3)).toEqual({ focus: 1 });
    expect(menuKey('ArrowDown', 2, 3)).toEqual({ focus: 0 });
    expect(menuKey('ArrowUp', 0, 3)).toEqual({ focus: 2 });
    expect(menuKey('ArrowDown', -1, 3)).toEqual({ focus: 0 });
    expect(menuKey('Home', 2, 3)).toEqual({ focus: 0 });
    expect(menuKey('End', 0, 3)).toEqual({ focus: 2 });
  });

  it('Enter and Space choose the focused item; Escape closes back to the button, Tab closes and moves on', () => {
    expect(menuKey('Enter', 1, 3)).toEqual({ select: 1 });
    expect(menuKey(' ', 2, 3)).toEqual({ select: 2 });
    expect(menuKey('Escape', 1, 3)).toEqual({ close: true, returnFocus: true });
    expect(menuKey('Tab', 1, 3)).toEqual({ close: true, returnFocus: false });
    expect(menuKey('a', 1, 3)).toBeNull();
    expect(menuKey('Escape', -1, 0)).toEqual({ close: true, returnFocus: true });
  });
});
