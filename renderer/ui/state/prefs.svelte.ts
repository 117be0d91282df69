import { loadPrefs, savePref, type Prefs } from '../lib/prefs';
import { browserStorage } from '../lib/browser-storage';

const current = $state<Prefs>(loadPrefs(browserStorage()));

/** Remembered preferences (display name, chosen devices), read-only; change with `setPref`. */
export const prefs: Readonly<Prefs> = current;

export function setPref(key: keyof Prefs, value: string): void {
  current[key] = value;
  savePref(browserStorage(), key, value);
}
