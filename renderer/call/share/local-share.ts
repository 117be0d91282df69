/**
 * Our own screen share: one at a time, sent by the transport as its own stream beside the camera,
 * told to the others as `media.screen`. It ends when the user stops it, leaves, or when the shared
 * window closes or the browser's own "Stop sharing" is used (the video track ends).
 */
import type { MediaPatch } from '../../../protocol';
import type { MediaTransport } from '../api';
import type { LocalParticipant } from '../participant';

export interface LocalShareDeps {
  /** Opens the picker; the chosen source's stream, or null when the user cancelled. */
  capture(): Promise<MediaStream | null>;
  transport(): MediaTransport | null;
  /** Tells the others about a media change. */
  update(patch: MediaPatch): void;
}

export class LocalShare {
  private current: MediaStream | null = null;
  private starting: Promise<boolean> | null = null;

  constructor(
    private readonly local: LocalParticipant,
    private readonly deps: LocalShareDeps,
  ) {}

  /** The stream being shared, or null. */
  get stream(): MediaStream | null {
    return this.current;
  }

  /**
   * Opens the picker and shares the choice (replacing a running share). True when a share now
   * runs from this call; false when the user cancelled (nothing changed). Rejects with a CallError.
   */
  start(): Promise<boolean> {
    this.starting ??= this.pickAndShare().finally(() => (this.starting = null));
    return this.starting;
  }

  /** Stops sharing (no-op when not sharing). */
  async stop(): Promise<void> {
    const stream = this.current;
    if (!stream) return;
    this.current = null;
    for (const t of stream.getTracks()) t.stop();
    this.local.setShare(null);
    this.deps.update({ screen: false });
    await this.send(null);
  }

  /** A new transport (join, rejoin): it sends the running share too. */
  attach(): void {
    if (this.current) void this.send(this.current);
  }

  private async pickAndShare(): Promise<boolean> {
    const stream = await this.deps.capture();
    if (!stream) return false;
    const previous = this.current;
    this.current = stream;
    for (const t of previous?.getTracks() ?? []) t.stop();
    // The shared window closed, or the browser's "Stop sharing" bar was used.
    stream.getVideoTracks()[0]?.addEventListener('ended', () => {
      if (this.current === stream) void this.stop();
    });
    this.local.setShare(stream);
    this.deps.update({ screen: true });
    await this.send(stream);
    return true;
  }

  private async send(stream: MediaStream | null): Promise<void> {
    await this.deps.transport()?.setShare(stream).catch((e: unknown) => console.warn('share not sent', e));
  }
}
