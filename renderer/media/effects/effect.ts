/** What the user can choose for their camera background. Framework-free and DOM-free. */

/** Blur strength: light keeps the room recognisable, strong hides it. */
export type BlurStrength = 'light' | 'strong';

/** A background effect. `image.src` is a same-origin URL (bundled) or a data: URL (the user's own). */
export type VideoEffect =
  | { kind: 'off' }
  | { kind: 'blur'; strength: BlurStrength }
  | { kind: 'image'; id: string; src: string };

export const EFFECT_OFF: VideoEffect = { kind: 'off' };

/** A background image that ships with the app (renderer/public/backgrounds, made for this project). */
export interface BundledBackground {
  id: string;
  label: string;
  src: string;
}

/** Absolute paths: the app is served at `/` in the browser and from the bundle root in Electron. */
export const BUNDLED_BACKGROUNDS: readonly BundledBackground[] = [
  { id: 'dusk', label: 'Dusk gradient', src: '/backgrounds/dusk.jpg' },
  { id: 'studio', label: 'Studio wall', src: '/backgrounds/studio.jpg' },
  { id: 'shelves', label: 'Bookshelves', src: '/backgrounds/shelves.jpg' },
];

/** The id the user's own uploaded image is stored under. */
export const CUSTOM_IMAGE_ID = 'custom';

/** A stable key for comparing choices (used by radio groups and to skip no-op changes). */
export function effectKey(e: VideoEffect): string {
  if (e.kind === 'off') return 'off';
  if (e.kind === 'blur') return `blur:${e.strength}`;
  return `image:${e.id}`;
}

/** Human-readable name of a choice, e.g. for the toolbar button's description. */
export function effectLabel(e: VideoEffect): string {
  if (e.kind === 'off') return 'Off';
  if (e.kind === 'blur') return e.strength === 'light' ? 'Blur (light)' : 'Blur (strong)';
  if (e.id === CUSTOM_IMAGE_ID) return 'Your image';
  return BUNDLED_BACKGROUNDS.find((b) => b.id === e.id)?.label ?? 'Image';
}
