/**
 * How the camera tiles are laid out: a grid of equals, a strip beside a screen share, or one tile
 * large (focus) with the others in a strip. Pure, so the rules are unit-tested:
 * a share comes first (the shared screen takes the stage, every camera goes to the strip, a pinned
 * one at its head); then a pin (local only, our own choice); then speaker view's active speaker.
 */

export type ViewMode = 'grid' | 'speaker';

export interface StageInput {
  /** The tiles shown, in their order (our own tile is missing while self view is hidden). */
  ids: readonly string[];
  /** Our own participant id (speaker view does not fall back to it while others are there). */
  localId: string | null;
  /** Someone else's screen share is shown. */
  sharing: boolean;
  /** The tile we pinned, or null. */
  pinned: string | null;
  view: ViewMode;
  /** The active speaker (with its hold time, see active-speaker.ts), or null. */
  speaker: string | null;
}

export interface StageLayout {
  kind: 'grid' | 'strip' | 'focus';
  /** The large tile (focus), or the head of the strip (a pinned tile while a share is shown). */
  lead: string | null;
}

export function stageLayout({ ids, localId, sharing, pinned, view, speaker }: StageInput): StageLayout {
  const shown = (id: string | null): id is string => id !== null && ids.includes(id);
  if (sharing) return { kind: 'strip', lead: shown(pinned) ? pinned : null };
  if (shown(pinned)) return { kind: 'focus', lead: pinned };
  if (view === 'speaker' && ids.length > 0) {
    const lead = shown(speaker) ? speaker : (ids.find((id) => id !== localId) ?? (ids[0] as string));
    return { kind: 'focus', lead };
  }
  return { kind: 'grid', lead: null };
}
