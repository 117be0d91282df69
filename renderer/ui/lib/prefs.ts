/** Preferences remembered across visits. Storage is injectable so tests run without a browser. */
export interface Prefs {
  displayName: string;
  cameraId: string;
  micId: string;
  speakerId: string;
  /** '1' while our own tile is hidden from us (the others still see our video). */
  hideSelfView: string;
  /** Noise suppression as last chosen: 'on', 'off', or '' (never chosen; see media/noise/choice.ts). */
  noiseSuppression: string;
  /** Camera tiles per page of the grid ('' = the default, ui/lib/pages.ts). */
  tilesPerPage: string;
  /** The UI language picked in a browser (start page or /settings): 'system', 'en' or 'de' (the desktop app uses its `locale` setting). */
  locale: string;
}

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const PREFIX = 'confer.';
const DEFAULTS: Prefs = { displayName: '', cameraId: '', micId: '', speakerId: '', hideSelfView: '', noiseSuppression: '', tilesPerPage: '', locale: 'system' };

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
