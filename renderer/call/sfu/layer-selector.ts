/**
 * Picks the simulcast layer each remote participant should be received in: the smallest layer
 * that fills its tile, lowered when the measured downlink loses packets. Layers: 0 = 1/4 scale,
 * 1 = 1/2, 2 = full (the publisher's 'q', 'h', 'f' encodings). A tile of no size (hidden,
 * off-screen, or the window is) has its video paused, and resumed when it shows again.
 */
import type { LayerChoice } from '../../../protocol';

/** `chosen` value of a paused participant. */
const PAUSED = -1;

/** A tile this tall (CSS px × devicePixelRatio) or less gets layer 0; up to MID_MAX layer 1. */
export const LOW_MAX_HEIGHT = 135;
export const MID_MAX_HEIGHT = 270;
/** Inbound video loss (percent) above which every layer steps down one. */
export const LOSS_STEP_DOWN = 5;

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
  private lossPercent = 0;

  /** A tile's size in device pixels (0 × 0 when hidden). */
  setTileSize(id: string, _width: number, height: number): void {
    this.heights.set(id, height);
  }

  /** The latest inbound video loss over the subscriber connection, percent. */
  setDownlinkLoss(percent: number): void {
    this.lossPercent = percent;
  }

  forget(id: string): void {
    this.heights.delete(id);
    this.chosen.delete(id);
  }

  /** Participants (among `eligible`) whose layer or pause should change now. Unknown sizes keep Janus's default. */
  changes(eligible: (id: string) => boolean = () => true): LayerChoice[] {
    const out: LayerChoice[] = [];
    for (const [id, h] of this.heights) {
      if (!eligible(id)) continue;
      let layer = h <= 0 ? PAUSED : layerForHeight(h);
      if (layer !== PAUSED && this.lossPercent > LOSS_STEP_DOWN) layer = Math.max(0, layer - 1);
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
