/**
 * Screen shares across a live topology switch (used by SwitchingTransport): our running share is
 * sent on every live path, a path started mid-share starts with it, and of the remote shares the
 * one from the newest path wins, so the share tile carries over when the old path closes.
 */
import type { MediaTransport } from '../api';

export class SwitchShare {
  private local: MediaStream | null = null;
  /** Per remote participant: the path whose share is shown. */
  private readonly shownFrom = new Map<string, MediaTransport>();

  constructor(private readonly emit: (peerId: string, stream: MediaStream | null) => void) {}

  /** Our share (or null) on each live path. */
  async set(share: MediaStream | null, paths: (MediaTransport | null)[]): Promise<void> {
    this.local = share;
    await Promise.all(paths.map((t) => t?.setShare(share)));
  }

  /** A path that starts now sends the running share too. */
  started(t: MediaTransport): void {
    if (this.local) t.setShare(this.local).catch((e: unknown) => console.warn('share not sent on the new path', e));
  }

  /** A remote share event of path `t`; `newest` is the path being switched to (or the only one). */
  remote(t: MediaTransport, peerId: string, stream: MediaStream | null, newest: MediaTransport): void {
    const shown = this.shownFrom.get(peerId);
    if (stream) {
      if (shown === newest && t !== newest) return; // the old path's copy: the new one is shown already
      this.shownFrom.set(peerId, t);
      this.emit(peerId, stream);
    } else if (!shown || shown === t) {
      this.shownFrom.delete(peerId);
      this.emit(peerId, null);
    }
  }

  forget(peerId: string): void {
    this.shownFrom.delete(peerId);
  }
}
