import { initialTab, nextSelection, splitSources, tabForKey } from './picker-model';
import type { ScreenSource } from './bridge';

const src = (id: string): ScreenSource => ({ id, name: id, thumbnail: 'data:image/png;base64,', appIcon: null });
const ALL = [src('screen:0:0'), src('window:1:0'), src('screen:1:0'), src('window:2:0')];

describe('picker model', () => {
  it('splits sources into screens and windows', () => {
    const { screens, windows } = splitSources(ALL);
    expect(screens.map((s) => s.id)).toEqual(['screen:0:0', 'screen:1:0']);
    expect(windows.map((s) => s.id)).toEqual(['window:1:0', 'window:2:0']);
    expect(initialTab(ALL)).toBe('screens');
    expect(initialTab([src('window:1:0')])).toBe('windows');
  });

  it('keeps the selection across refreshes and falls back when it disappears', () => {
    expect(nextSelection('window:2:0', ALL, 'windows')).toBe('window:2:0');
    expect(nextSelection('window:2:0', [src('window:1:0')], 'windows')).toBe('window:1:0');
    expect(nextSelection('window:2:0', ALL, 'screens')).toBe('screen:0:0');
    expect(nextSelection(null, [], 'windows')).toBeNull();
  });

  it('moves between tabs with the arrow, Home and End keys only', () => {
    expect(tabForKey('screens', 'ArrowRight')).toBe('windows');
    expect(tabForKey('windows', 'ArrowLeft')).toBe('screens');
    expect(tabForKey('windows', 'Home')).toBe('screens');
    expect(tabForKey('screens', 'End')).toBe('windows');
    expect(tabForKey('screens', 'Enter')).toBeNull();
  });
});
