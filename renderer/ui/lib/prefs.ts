/** Preferences remembered across visits. Storage is injectable so tests run without a browser. */
export interface Prefs {
  displayName: string;
  cameraId: string;
  micId: string;
  speakerId: string;
  /** The UI language picked on the browser's start page: 'system', 'en' or 'de' (the desktop app uses its `locale` setting). */
  locale: string;
}

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const PREFIX = 'confer.';
const DEFAULTS: Prefs = { displayName: '', cameraId: '', micId: '', speakerId: '', locale: 'system' };

export function loadPrefs(store: KeyValueStore | null): Prefs {
  const prefs = { ...DEFAULTS };
  if (!store) return prefs;
  for (const key of Object.keys(DEFAULTS) as (keyof Prefs)[]) {
    try {
      const v = store.getItem(PREFIX + key);
      if (typeof v === 'string') prefs[key] = v;
    } catch {
      // Storage may be disabled (private mode, sandbox): defaults are fine.
    }
  }
  return prefs;
}

export function savePref(store: KeyValueStore | null, key: keyof Prefs, value: string): void {
  try {
    store?.setItem(PREFIX + key, value);
  } catch {
    // Quota or disabled storage: the preference just isn't remembered.
  }
}
