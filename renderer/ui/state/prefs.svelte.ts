import { loadPrefs, savePref, type Prefs } from '../lib/prefs';

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

const current = $state<Prefs>(loadPrefs(storage()));

/** Remembered preferences (display name, chosen devices), read-only; change with `setPref`. */
export const prefs: Readonly<Prefs> = current;

export function setPref(key: keyof Prefs, value: string): void {
  current[key] = value;
  savePref(storage(), key, value);
}
