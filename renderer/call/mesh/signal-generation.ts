/**
 * Drops remote signals that belong to an ICE generation already replaced: after a lost signaling
 * connection, signals made before an ICE restart can arrive after it (sent again once the room
 * resumed). simple-peer destroys its connection when one of them fails to apply (a candidate with
 * the old ufrag: ERR_ADD_ICE_CANDIDATE; an answer with no offer pending: ERR_SET_REMOTE_DESCRIPTION),
 * and the mesh then replaced a connection that had just come back. Signals arrive in order, so an
 * SDP's ufrag is the generation its later candidates must carry, and an answer names the ufrag of
 * the offer it answers (an answer to an offer rolled back since is dropped).
 */
import type { PeerSignalData } from '../../../protocol';

const ufragOf = (text: string, pattern: RegExp) => pattern.exec(text)?.[1] ?? null;

/** An SDP's (first) ICE ufrag: one per generation, as the connection is bundled. */
export const ufragOfSdp = (sdp: string | undefined): string | null => (sdp === undefined ? null : ufragOf(sdp, /^a=ice-ufrag:(\S+)/m));

export class SignalGeneration {
  private ufrag: string | null = null;

  /** Whether `data` may be applied to `pc` now; an SDP that may sets the generation. */
  accepts(data: PeerSignalData, pc: Pick<RTCPeerConnection, 'signalingState' | 'localDescription'>): boolean {
    const d = data as { type?: string; sdp?: string; offerUfrag?: string; candidate?: { candidate?: string; usernameFragment?: string | null } };
    if ((d.type === 'offer' || d.type === 'answer') && typeof d.sdp === 'string') {
      if (d.type === 'answer' && pc.signalingState !== 'have-local-offer') return false;
      // An answer to an offer of ours that was replaced (rolled back for an ICE restart) while it travelled.
      if (d.type === 'answer' && d.offerUfrag !== undefined && d.offerUfrag !== ufragOfSdp(pc.localDescription?.sdp)) return false;
      this.ufrag = ufragOfSdp(d.sdp) ?? this.ufrag;
      return true;
    }
    if (d.type !== 'candidate') return true;
    const ufrag = d.candidate?.usernameFragment || ufragOf(d.candidate?.candidate ?? '', / ufrag (\S+)/);
    return ufrag === null || this.ufrag === null || ufrag === this.ufrag;
  }
}

/** Our answer, told which offer it answers (`offerUfrag`, see the protocol): other signals pass unchanged. */
export function withOfferUfrag(data: PeerSignalData, pc: Pick<RTCPeerConnection, 'remoteDescription'>): PeerSignalData {
  if (data.type !== 'answer') return data;
  const offerUfrag = ufragOfSdp(pc.remoteDescription?.sdp);
  return offerUfrag === null ? data : { ...data, offerUfrag };
}
