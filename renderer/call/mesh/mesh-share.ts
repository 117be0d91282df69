/**
 * Screen shares in the mesh. Sending: the share's tracks go on every peer in their own stream
 * (addTrack / removeTrack: simple-peer renegotiates), and each peer is told the share's stream id
 * with a `share` signal first. Receiving: that announcement arrives on the same ordered signaling
 * path before the offer carrying the stream, so each incoming stream is classified by its id (the
 * SDP's msid) as camera or share — whatever the camera and microphone states are.
 */
import type { PeerSignalData } from '../../../protocol';
import type { PeerLink } from './peer-link';

export interface MeshShareHooks {
  signal(peerId: string, data: PeerSignalData): void;
  camera(peerId: string, stream: MediaStream): void;
  share(peerId: string, stream: MediaStream | null): void;
}

export class MeshShare {
  private local: MediaStream | null = null;
  /** Per peer: the stream id it announced as its share now (null: none). */
  private readonly announced = new Map<string, string | null>();
  /** Per peer: every stream id it ever announced, so a late track of an ended share is never taken for the camera. */
  private readonly past = new Map<string, Set<string>>();

  constructor(private readonly hooks: MeshShareHooks) {}

  /** Starts, replaces or (null) stops sending our share on every link. */
  async setLocal(stream: MediaStream | null, links: ReadonlyMap<string, PeerLink>): Promise<void> {
    const previous = this.local;
    if (previous === stream) return;
    this.local = stream;
    const ops: Promise<void>[] = [];
    for (const [id, link] of links) {
      if (previous) ops.push(link.removeShare(previous));
      this.hooks.signal(id, { type: 'share', stream: stream?.id ?? null });
      if (stream) ops.push(link.addShare(stream));
    }
    await Promise.all(ops.map((op) => op.catch((err: unknown) => console.warn('share not updated on a peer', err))));
  }

  /** A new link (first connection or restart) starts with the running share, announced before its first offer. */
  linkCreated(peerId: string, link: PeerLink): void {
    if (!this.local) return;
    this.hooks.signal(peerId, { type: 'share', stream: this.local.id });
    void link.addShare(this.local, true);
  }

  /** A peer's `share` signal. */
  announce(peerId: string, streamId: string | null): void {
    const before = this.announced.get(peerId) ?? null;
    this.announced.set(peerId, streamId);
    if (streamId) this.past.set(peerId, (this.past.get(peerId) ?? new Set()).add(streamId));
    if (before && before !== streamId) this.hooks.share(peerId, null);
  }

  /** An incoming stream of a peer: its share, an ended share (dropped), or its camera. */
  route(peerId: string, stream: MediaStream): void {
    if (stream.id === this.announced.get(peerId)) this.hooks.share(peerId, stream);
    else if (!this.past.get(peerId)?.has(stream.id)) this.hooks.camera(peerId, stream);
  }

  forget(peerId: string): void {
    this.announced.delete(peerId);
    this.past.delete(peerId);
  }
}
