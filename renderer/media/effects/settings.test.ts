import { BUNDLED_BACKGROUNDS, CUSTOM_IMAGE_ID, EFFECT_OFF, effectKey, effectLabel } from './effect';
import { CUSTOM_IMAGE_KEY, EFFECT_KEY, loadEffect, saveEffect, type EffectStore } from './settings';

function memoryStore(init: Record<string, string> = {}): EffectStore & { data: Map<string, string> } {
  const data = new Map(Object.entries(init));
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

const JPEG = 'data:image/jpeg;base64,/9j/4AAQSkZJRg==';

describe('effect settings', () => {
  it('is Off with nothing stored, no storage, or corrupt data', () => {
    expect(loadEffect(null)).toEqual(EFFECT_OFF);
    expect(loadEffect(memoryStore())).toEqual(EFFECT_OFF);
    expect(loadEffect(memoryStore({ [EFFECT_KEY]: '{not json' }))).toEqual(EFFECT_OFF);
    expect(loadEffect(memoryStore({ [EFFECT_KEY]: '{"kind":"blur","strength":"huge"}' }))).toEqual(EFFECT_OFF);
    expect(loadEffect(memoryStore({ [EFFECT_KEY]: '{"kind":"image","id":"gone"}' }))).toEqual(EFFECT_OFF);
  });

  it('round-trips blur and bundled images', () => {
    const store = memoryStore();
    for (const e of [{ kind: 'blur', strength: 'light' }, { kind: 'blur', strength: 'strong' }] as const) {
      expect(saveEffect(store, e)).toBe(true);
      expect(loadEffect(store)).toEqual(e);
    }
    const b = BUNDLED_BACKGROUNDS[1];
    saveEffect(store, { kind: 'image', id: b.id, src: b.src });
    expect(loadEffect(store)).toEqual({ kind: 'image', id: b.id, src: b.src });
  });

  it('keeps the user image as a data: URL and refuses anything else from storage', () => {
    const store = memoryStore();
    saveEffect(store, { kind: 'image', id: CUSTOM_IMAGE_ID, src: JPEG });
    expect(store.data.get(CUSTOM_IMAGE_KEY)).toBe(JPEG);
    expect(loadEffect(store)).toEqual({ kind: 'image', id: CUSTOM_IMAGE_ID, src: JPEG });
    store.data.set(CUSTOM_IMAGE_KEY, 'https://evil.example/x.png');
    expect(loadEffect(store)).toEqual(EFFECT_OFF);
  });

  it('reports a refused write (quota) without throwing', () => {
    const store = memoryStore();
    store.setItem = () => {
      throw new DOMException('full', 'QuotaExceededError');
    };
    expect(saveEffect(store, { kind: 'blur', strength: 'light' })).toBe(false);
  });

  it('names and keys each choice', () => {
    expect(effectKey({ kind: 'blur', strength: 'strong' })).toBe('blur:strong');
    expect(effectLabel({ kind: 'image', id: CUSTOM_IMAGE_ID, src: JPEG })).toBe('Your image');
    expect(effectLabel(EFFECT_OFF)).toBe('Off');
  });
});
