/**
 * Joins the parts of a long `sfu:answer` (protocol `answerParts`): a subscriber answer in a large
 * room is past one Socket.IO frame, so the browser sends it in order, one part per request, and
 * the last part's request carries it to Janus. One answer at a time per socket: a first part starts
 * over (an unfinished answer is dropped); a part out of order, of another answer, or past
 * MAX_SFU_ANSWER_BYTES drops what was gathered and is refused.
 */
import { MAX_SFU_ANSWER_BYTES, type SfuAnswerPart } from '../../protocol';

export type PartOutcome = { sdp: string } | { waiting: true } | { refused: string };

export class AnswerParts {
  private pending: { seq: number; count: number; parts: string[]; bytes: number } | null = null;

  add(seq: number, part: SfuAnswerPart, sdp: string): PartOutcome {
    if (part.index === 0) this.pending = { seq, count: part.count, parts: [], bytes: 0 };
    const p = this.pending;
    if (!p || p.seq !== seq || p.count !== part.count || p.parts.length !== part.index) {
      this.pending = null;
      return { refused: `answer part ${part.index + 1} of ${part.count} for offer ${seq} came out of order` };
    }
    p.bytes += sdp.length;
    if (p.bytes > MAX_SFU_ANSWER_BYTES) {
      this.pending = null;
      return { refused: `the answer is over ${MAX_SFU_ANSWER_BYTES} bytes` };
    }
    p.parts.push(sdp);
    if (p.parts.length < p.count) return { waiting: true };
    this.pending = null;
    return { sdp: p.parts.join('') };
  }
}
