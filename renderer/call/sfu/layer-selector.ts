/**
 * Picks the simulcast layer each remote participant should be received in: the smallest layer
 * that fills its tile, under a ceiling the downlink sets. Layers: 0 = 1/4 scale, 1 = 1/2, 2 = full
 * (the publisher's 'q', 'h', 'f' encodings). A tile of no size (hidden, off-screen, or the window
 * is) has its video paused, and resumed when it shows again.
 *
 * The ceiling: a downlink losing packets (or Janus saying so, slowlink) lowers it one layer, and
 * again two seconds later while the loss goes on, down to the lowest layer for everyone; below
 * that, each further step (4 s apart) holds one more participant's video (the tiles shown last
 * first; at least one keeps playing), whose tile says so rather than freezing. A clean downlink for
 * ten seconds undoes one step, as a probe (too much, and the loss takes it back). One step at a
 * time, because a new layer needs a key frame and a moment before its cost shows.
 */
import type { LayerChoice } from '../../../protocol';

/** `chosen` value of a paused participant. */
const PAUSED = -1;

/** A tile this tall (CSS px × devicePixelRatio) or less gets layer 0; up to MID_MAX layer 1. */
export const LOW_MAX_HEIGHT = 135;
export const MID_MAX_HEIGHT = 270;
/** Inbound loss (percent, audio and video) above which the ceiling steps down one layer. */
export const LOSS_STEP_DOWN = 5;
/** Loss at or under this (percent) counts as a clean downlink. */
export const LOSS_CLEAN = 1;
/** Between two steps down. */
export const STEP_DOWN_HOLD_MS = 2000;
/** Between two steps that hold a video (past the lowest layer): longer, as each costs a tile its picture. */
export const HOLD_STEP_MS = 4000;
/** A clean downlink this long raises the ceiling one layer. */
export const STEP_UP_AFTER_MS = 10_000;
const TOP = 2;

/** The layer that fits a tile of `height` device pixels. */
export function layerForHeight(height: number): number {
  if (height <= LOW_MAX_HEIGHT) return 0;
  if (height <= MID_MAX_HEIGHT) return 1;
  return 2;
}

/** Keeps each participant's tile size and the downlink state; says which layers changed. */
export class LayerSelector {
  private readonly heights = new Map<string, number>();
  private readonly chosen = new Map<string, number>();
  private ceiling = TOP;
  private lastStep: number | null = null;
  private cleanSince: number | null = null;

  /** A tile's size in device pixels (0 × 0 when hidden). */
  setTileSize(id: string, _width: number, height: number): void {
    this.heights.set(id, height);
  }

  /** The latest inbound loss over the subscriber connection (audio and video), percent, measured at `now` (ms). */
  setDownlinkLoss(percent: number, now = Date.now()): void {
    if (percent > LOSS_STEP_DOWN) {
      this.cleanSince = null;
      // Below layer 0: one more held video per step, as long as one other keeps playing.
      const floor = -Math.max(0, this.shown().length - 1);
      const wait = this.ceiling <= 0 ? HOLD_STEP_MS : STEP_DOWN_HOLD_MS;
      if (this.ceiling > floor && (this.lastStep === null || now - this.lastStep >= wait)) {
        this.ceiling--;
        this.lastStep = now;
      }
    } else if (percent <= LOSS_CLEAN) {
      this.cleanSince ??= now;
      if (this.ceiling < TOP && now - this.cleanSince >= STEP_UP_AFTER_MS) {
        this.ceiling++;
        this.cleanSince = now;
        this.lastStep = now;
      }
    } else {
      this.cleanSince = null; // some loss: hold where it is
    }
  }

  /** The highest layer the downlink allows now; below 0, how many videos it holds (negated). */
  get downlinkCeiling(): number {
    return this.ceiling;
  }

  /** Participants whose tiles have a size (shown), in the order they were first measured. */
  private shown(): string[] {
    return [...this.heights].filter(([, h]) => h > 0).map(([id]) => id);
  }

  /** Participants whose video the downlink holds now: the last shown ones. */
  held(): Set<string> {
    const n = Math.max(0, -this.ceiling);
    const shown = this.shown();
    return new Set(n === 0 ? [] : shown.slice(Math.max(1, shown.length - n)));
  }

  forget(id: string): void {
    this.heights.delete(id);
    this.chosen.delete(id);
  }

  /** Participants (among `eligible`) whose layer or pause should change now. Unknown sizes keep Janus's default. */
  changes(eligible: (id: string) => boolean = () => true): LayerChoice[] {
    const out: LayerChoice[] = [];
    const held = this.held();
    for (const [id, h] of this.heights) {
      if (!eligible(id)) continue;
      const layer = h <= 0 || held.has(id) ? PAUSED : Math.min(layerForHeight(h), Math.max(0, this.ceiling));
      const was = this.chosen.get(id);
      if (was === layer) continue;
      this.chosen.set(id, layer);
      if (layer === PAUSED) out.push({ feed: id, substream: 0, video: false });
      else out.push({ feed: id, substream: layer, ...(was === PAUSED ? { video: true } : {}) });
    }
    return out;
  }

  /**
   * The layers to subscribe in from the start, taken as sent: each known tile's layer, and for
   * participants whose tile is not measured yet the layer most tiles have now (the grid gives
   * tiles of one size), or the middle one.
   */
  initial(): { layers: LayerChoice[]; substream: number } {
    const layers = this.changes();
    const all = [...this.chosen.values()].filter((l) => l !== PAUSED).sort((a, b) => a - b);
    return { layers, substream: all.length ? all[Math.floor(all.length / 2)] : 1 };
  }
}
