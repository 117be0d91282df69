/** The part of a simple-peer instance the mesh uses, so tests can hand in fakes. */
import type { PeerSignalData } from '../../../protocol';

export interface PeerLike {
  signal(data: PeerSignalData): void;
  addTrack(track: MediaStreamTrack, stream: MediaStream): void;
  /** Stops sending a track added with `stream` (renegotiates). */
  removeTrack(track: MediaStreamTrack, stream: MediaStream): void;
  destroy(): void;
  /** Starts a renegotiation (the initiator offers; simple-peer queues it behind one in flight). */
  negotiate(): void;
  /** simple-peer events: signal, connect, stream, track, iceStateChange, error, close. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  on(event: string, fn: (...args: any[]) => void): unknown;
  /** simple-peer's RTCPeerConnection (private in simple-peer, but stable across 9.x). */
  readonly _pc: RTCPeerConnection;
}

export interface PeerOptions {
  initiator: boolean;
  trickle: true;
  config: RTCConfiguration;
  /** Rewrites each local SDP before it is applied and sent (simple-peer's option). */
  sdpTransform?: (sdp: string) => string;
}

/** Creates one simple-peer (or a fake in tests). */
export type PeerFactory = (opts: PeerOptions) => PeerLike;

/** Who a peer is, for choosing the offering side. `joinedAt` is the server's join time. */
export interface PeerOrder {
  id: string;
  joinedAt: number;
}

/**
 * The later joiner offers (ties: the smaller id), so two peers never both offer. The newcomer
 * has everything ready when its join answer arrives, while the others are busy adding its tile:
 * letting it offer saves a busy main thread's delay on the critical path.
 */
export function isInitiator(self: PeerOrder, remote: PeerOrder): boolean {
  if (self.joinedAt !== remote.joinedAt) return self.joinedAt > remote.joinedAt;
  return self.id < remote.id;
}

/** The session id of an SDP's `o=` line: a fresh RTCPeerConnection picks a new one, renegotiations keep it. */
export function sdpSessionId(sdp: string): string | null {
  return /^o=\S+ (\d+) /m.exec(sdp)?.[1] ?? null;
}
