/** The part of a simple-peer instance the mesh uses, so tests can hand in fakes. */
import type { PeerSignalData } from '../../../protocol';

export interface PeerLike {
  signal(data: PeerSignalData): void;
  addTrack(track: MediaStreamTrack, stream: MediaStream): void;
  destroy(): void;
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
}

/** Creates one simple-peer (or a fake in tests). */
export type PeerFactory = (opts: PeerOptions) => PeerLike;

/** The side whose id sorts first offers, so two peers never both offer. */
export function isInitiator(selfId: string, remoteId: string): boolean {
  return selfId < remoteId;
}

/** The session id of an SDP's `o=` line: a fresh RTCPeerConnection picks a new one, renegotiations keep it. */
export function sdpSessionId(sdp: string): string | null {
  return /^o=\S+ (\d+) /m.exec(sdp)?.[1] ?? null;
}
