/**
 * One remote offer at a time, on the answering side. After a lost signaling connection the offering
 * side's restart offer is held and sent on resume, and the resume restarts ICE once more: two offers
 * arrive back to back. simple-peer applied the second while it was still answering the first, and
 * that answer failed (ERR_CREATE_ANSWER, ERR_SET_LOCAL_DESCRIPTION): the peer was replaced, on a call
 * whose path had just come back. So from the moment an offer is applied until its answer is set
 * (signaling 'stable' again), a newer offer waits, with every signal after it; the offering side
 * then drops the answer to its rolled-back offer (./signal-generation).
 */
import type { PeerSignalData } from '../../../protocol';

/** Longest wait for an answer in progress; after it what waits is applied anyway (a broken peer is then replaced). */
export const ANSWER_IN_PROGRESS_MAX_MS = 3000;

type SignalingPc = Pick<RTCPeerConnection, 'signalingState' | 'addEventListener' | 'removeEventListener'>;

export class RemoteOffers {
  /** Signals held behind an offer that arrived while another was being answered. */
  private waiting: PeerSignalData[] = [];
  private answering = false;

  constructor(
    private readonly pc: () => SignalingPc,
    private readonly apply: (data: PeerSignalData) => void,
  ) {}

  /** Applies `data` now, or once the offer being answered is answered. */
  push(data: PeerSignalData): void {
    if (this.waiting.length > 0 || (this.answering && data.type === 'offer')) {
      if (this.waiting.length === 0) console.info('an offer arrived while the previous one is being answered: it waits for that answer');
      this.waiting.push(data);
      return;
    }
    if (data.type === 'offer') this.watchAnswer(this.pc());
    this.apply(data);
  }

  /** Marks an offer as being answered until `pc` is 'stable' again (or the wait runs out). */
  private watchAnswer(pc: SignalingPc): void {
    this.answering = true;
    const done = () => {
      pc.removeEventListener('signalingstatechange', changed);
      clearTimeout(timer);
      this.answering = false;
      const waiting = this.waiting;
      this.waiting = [];
      // Each goes through again: a newer offer is answered in turn, and what follows it waits for that.
      for (const d of waiting) this.push(d);
    };
    const changed = () => {
      if (pc.signalingState === 'stable' || pc.signalingState === 'closed') done();
    };
    const timer = setTimeout(done, ANSWER_IN_PROGRESS_MAX_MS);
    // Under Node (unit tests) a pending wait alone must not keep the process alive.
    (timer as { unref?: () => void }).unref?.();
    pc.addEventListener('signalingstatechange', changed);
  }
}
