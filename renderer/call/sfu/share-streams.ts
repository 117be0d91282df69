/**
 * Screen share through the SFU. Sending: the publisher has a third m-line (video) from the start,
 * empty until a share runs, so starting, stopping and carrying a share across a topology switch
 * are replaceTracks, never a renegotiation with Janus (whose subscribers would not pick up a stream
 * added later to a feed they already receive). Receiving: Janus lists a feed's streams in the
 * publisher's m-line order, so a feed's second video stream is its share slot. Whether a share
 * runs is `media.screen`; the slot's stream is handed on as the participant's share all along.
 */
import type { SfuStream } from '../../../protocol';
import { setEncodingsActive } from './encodings';

/**
 * One encoding: screens change little, and the room's bitrate cap is shared with the camera layers.
 * Inactive while no share runs, so the empty slot sends nothing at all (not even probing padding).
 */
export const SHARE_ENCODING: RTCRtpEncodingParameters = { maxBitrate: 500_000, active: false };

/** Puts `track` (or nothing) in the publisher's share slot and turns its encoding on or off; no renegotiation. */
export async function fillShareSlot(slot: RTCRtpTransceiver, track: MediaStreamTrack | null): Promise<void> {
  await slot.sender.replaceTrack(track);
  await setEncodingsActive(slot.sender, track !== null);
}

/** The mids of the share slots among a subscriber's streams: each feed's second video stream. */
export function shareMids(streams: readonly SfuStream[]): Set<string> {
  const videos = new Map<string, number>();
  const out = new Set<string>();
  for (const s of streams) {
    if (s.kind !== 'video') continue;
    const n = (videos.get(s.feed) ?? 0) + 1;
    videos.set(s.feed, n);
    if (n === 2) out.add(s.mid);
  }
  return out;
}

/** The remote share streams, one per participant, kept in step with the subscriber's share slots. */
export class SfuRemoteShares {
  private readonly byPeer = new Map<string, MediaStream>();

  constructor(
    private readonly emit: (peerId: string, stream: MediaStream | null) => void,
    private readonly newStream: (tracks: MediaStreamTrack[]) => MediaStream = (tracks) => new MediaStream(tracks),
  ) {}

  /** The share-slot track of each feed now; emits what changed for participants we know. */
  update(tracks: ReadonlyMap<string, MediaStreamTrack>, known: (peerId: string) => boolean): void {
    for (const [id] of this.byPeer) {
      if (tracks.has(id)) continue;
      this.byPeer.delete(id);
      if (known(id)) this.emit(id, null);
    }
    for (const [id, track] of tracks) {
      if (this.byPeer.get(id)?.getVideoTracks()[0] === track) continue;
      const stream = this.newStream([track]);
      this.byPeer.set(id, stream);
      if (known(id)) this.emit(id, stream);
    }
  }

  /** A participant added after its stream arrived gets it now. */
  replay(peerId: string): void {
    const s = this.byPeer.get(peerId);
    if (s) this.emit(peerId, s);
  }
}
