/**
 * State rules of the screen picker dialog, kept out of the component so they are unit-tested:
 * sources split into tabs, the selection survives refreshes, and falls back sensibly when the
 * selected window closes.
 */
import type { ScreenSource } from './bridge';
import { sourceKind } from '../../protocol/ipc/picker';

export type PickerTab = 'screens' | 'windows';

/** Sources by tab, in the order desktopCapturer listed them. */
export function splitSources(sources: readonly ScreenSource[]): Record<PickerTab, ScreenSource[]> {
  return {
    screens: sources.filter((s) => sourceKind(s.id) === 'screen'),
    windows: sources.filter((s) => sourceKind(s.id) === 'window'),
  };
}

/** The tab to show first: screens when there are any. */
export function initialTab(sources: readonly ScreenSource[]): PickerTab {
  return splitSources(sources).screens.length > 0 ? 'screens' : 'windows';
}

/**
 * The selection after a refresh or a tab change: the same source if it is still on the tab,
 * else the tab's first source, else nothing.
 */
export function nextSelection(selectedId: string | null, sources: readonly ScreenSource[], tab: PickerTab): string | null {
  const onTab = splitSources(sources)[tab];
  if (selectedId && onTab.some((s) => s.id === selectedId)) return selectedId;
  return onTab[0]?.id ?? null;
}

/** The tab after pressing ArrowLeft/ArrowRight/Home/End on the tab list (null: key not ours). */
export function tabForKey(current: PickerTab, key: string): PickerTab | null {
  if (key === 'ArrowLeft' || key === 'ArrowRight') return current === 'screens' ? 'windows' : 'screens';
  if (key === 'Home') return 'screens';
  if (key === 'End') return 'windows';
  return null;
}
