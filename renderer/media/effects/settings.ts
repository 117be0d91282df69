/**
 * The remembered background effect (localStorage). A user's own image is stored already shrunk
 * (a JPEG data: URL well under the ~5 MB storage quota), so it survives a reload without keeping
 * the original file. Anything unreadable falls back to Off rather than failing the lobby.
 */
import { BUNDLED_BACKGROUNDS, CUSTOM_IMAGE_ID, EFFECT_OFF, type VideoEffect } from './effect';

/** The subset of Storage this needs; tests pass a Map-backed fake. */
export interface EffectStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export const EFFECT_KEY = 'confer.videoEffect';
export const CUSTOM_IMAGE_KEY = 'confer.videoEffectImage';

/** Longest data: URL we accept back from storage (what image-input produces is far smaller). */
const MAX_STORED_IMAGE_CHARS = 3_000_000;

type Stored = { kind: 'off' } | { kind: 'blur'; strength: 'light' | 'strong' } | { kind: 'image'; id: string };

function parse(raw: string | null): Stored | null {
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as Partial<Stored> & { strength?: unknown; id?: unknown };
    if (v.kind === 'off') return { kind: 'off' };
    if (v.kind === 'blur' && (v.strength === 'light' || v.strength === 'strong')) return { kind: 'blur', strength: v.strength };
    if (v.kind === 'image' && typeof v.id === 'string') return { kind: 'image', id: v.id };
  } catch {
    // Corrupt JSON: treated like nothing stored.
  }
  return null;
}

function safe<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch {
    return fallback; // storage disabled (private mode, sandbox)
  }
}

/** The remembered effect, or Off when nothing valid is stored. */
export function loadEffect(store: EffectStore | null): VideoEffect {
  if (!store) return EFFECT_OFF;
  const s = parse(safe(() => store.getItem(EFFECT_KEY), null));
  if (!s || s.kind === 'off') return EFFECT_OFF;
  if (s.kind === 'blur') return s;
  if (s.id === CUSTOM_IMAGE_ID) {
    const src = safe(() => store.getItem(CUSTOM_IMAGE_KEY), null);
    const ok = !!src && src.length <= MAX_STORED_IMAGE_CHARS && /^data:image\/(jpeg|png|webp);base64,/.test(src);
    return ok ? { kind: 'image', id: CUSTOM_IMAGE_ID, src } : EFFECT_OFF;
  }
  const bundled = BUNDLED_BACKGROUNDS.find((b) => b.id === s.id);
  return bundled ? { kind: 'image', id: bundled.id, src: bundled.src } : EFFECT_OFF;
}

/**
 * Remembers an effect. Returns false when storage refused it (quota): the effect still applies
 * for this session, it just will not be remembered.
 */
export function saveEffect(store: EffectStore | null, effect: VideoEffect): boolean {
  if (!store) return false;
  const stored: Stored = effect.kind === 'image' ? { kind: 'image', id: effect.id } : effect;
  return safe(() => {
    if (effect.kind === 'image' && effect.id === CUSTOM_IMAGE_ID) store.setItem(CUSTOM_IMAGE_KEY, effect.src);
    store.setItem(EFFECT_KEY, JSON.stringify(stored));
    return true;
  }, false);
}
