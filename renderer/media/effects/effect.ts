/** What the user can choose for their camera background. Framework-free and DOM-free. */
import type { MessageKey } from '../../i18n/catalog';
import { text } from '../../i18n/text';

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
  /** Its name in the message catalogue. */
  label: MessageKey;
  src: string;
}

/** Absolute paths: the app is served at `/` in the browser and from the bundle root in Electron. */
export const BUNDLED_BACKGROUNDS: readonly BundledBackground[] = [
  { id: 'dusk', label: 'effects.bg.dusk', src: '/backgrounds/dusk.jpg' },
  { id: 'studio', label: 'effects.bg.studio', src: '/backgrounds/studio.jpg' },
  { id: 'shelves', label: 'effects.bg.shelves', src: '/backgrounds/shelves.jpg' },
];

/** The id the user's own uploaded image is stored under. */
export const CUSTOM_IMAGE_ID = 'custom';

/** A stable key for comparing choices (used by radio groups and to skip no-op changes). */
export function effectKey(e: VideoEffect): string {
  if (e.kind === 'off') return 'off';
  if (e.kind === 'blur') return `blur:${e.strength}`;
  return `image:${e.id}`;
}

/** Human-readable name of a choice in the UI's language (components pass their reactive `t`). */
export function effectLabel(e: VideoEffect, translate: (key: MessageKey) => string = text): string {
  if (e.kind === 'off') return translate('effects.off');
  if (e.kind === 'blur') return translate(e.strength === 'light' ? 'effects.blurLight' : 'effects.blurStrong');
  if (e.id === CUSTOM_IMAGE_ID) return translate('effects.yourImage');
  return translate(BUNDLED_BACKGROUNDS.find((b) => b.id === e.id)?.label ?? 'effects.image');
}
