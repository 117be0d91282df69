/**
 * Drops remote signals that belong to an ICE generation already replaced: after a lost signaling
 * connection, signals made before an ICE restart can arrive after it (sent again once the room
 * resumed). simple-peer destroys its connection when one of them fails to apply (a candidate with
 * the old ufrag: ERR_ADD_ICE_CANDIDATE; an answer with no offer pending: ERR_SET_REMOTE_DESCRIPTION),
 * and the mesh then replaced a connection that had just come back. Signals arrive in order, so an
 * SDP's ufrag is the generation its later candidates must carry.
 */
import type { PeerSignalData } from '../../../protocol';

const ufragOf = (text: string, pattern: RegExp) => pattern.exec(text)?.[1] ?? null;

export class SignalGeneration {
  private ufrag: string | null = null;

  /** Whether `data` may be applied to `pc` now; an SDP that may sets the generation. */
  accepts(data: PeerSignalData, pc: Pick<RTCPeerConnection, 'signalingState'>): boolean {
    const d = data as { type?: string; sdp?: string; candidate?: { candidate?: string; usernameFragment?: string | null } };
    if ((d.type === 'offer' || d.type === 'answer') && typeof d.sdp === 'string') {
      if (d.type === 'answer' && pc.signalingState !== 'have-local-offer') return false;
      this.ufrag = ufragOf(d.sdp, /^a=ice-ufrag:(\S+)/m) ?? this.ufrag;
      return true;
    }
    if (d.type !== 'candidate') return true;
    const ufrag = d.candidate?.usernameFragment || ufragOf(d.candidate?.candidate ?? '', / ufrag (\S+)/);
    return ufrag === null || this.ufrag === null || ufrag === this.ufrag;
  }
}
