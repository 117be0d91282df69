import { loadPrefs, savePref, type KeyValueStore } from './prefs';

function memoryStore(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

describe('prefs', () => {
  it('round-trips values under a prefix', () => {
    const store = memoryStore();
    savePref(store, 'displayName', 'Ada');
    expect(store.data.get('confer.displayName')).toBe('Ada');
    expect(loadPrefs(store)).toEqual({ displayName: 'Ada', cameraId: '', micId: '', speakerId: '', hideSelfView: '', noiseSuppression: '', tilesPerPage: '', locale: 'system' });
  });
  it('survives missing or throwing storage', () => {
    expect(loadPrefs(null).displayName).toBe('');
    const broken: KeyValueStore = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    };
    expect(loadPrefs(broken).micId).toBe('');
    expect(() => savePref(broken, 'micId', 'x')).not.toThrow();
  });
});
