import { answerParts, MAX_SFU_ANSWER_BYTES, MAX_SFU_ANSWER_PARTS, SFU_ANSWER_PART_BYTES, sfuAnswerRequestSchema } from '../../protocol';
import { AnswerParts } from './answer-parts';

/** A subscriber answer of about `feeds` feeds (2,238 bytes each, as measured in Chromium). */
const answerOf = (feeds: number) => `v=0\r\n${Array.from({ length: feeds }, (_, i) => `m=video 9 UDP/TLS/RTP/SAVPF 96\r\na=mid:${i}\r\n`.padEnd(2238, 'x')).join('')}`;

describe('a long sfu:answer in parts', () => {
  it('sends an answer that fits one frame whole, and one for 100 feeds in parts that each pass the request schema', () => {
    expect(answerParts(answerOf(20))).toHaveLength(1);
    const sdp = answerOf(100);
    const parts = answerParts(sdp);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.length).toBeLessThanOrEqual(MAX_SFU_ANSWER_PARTS);
    expect(parts.join('')).toBe(sdp);
    for (const [index, part] of parts.entries()) {
      expect(part.length).toBeLessThanOrEqual(SFU_ANSWER_PART_BYTES);
      // Within the 64 KB frame as JSON (line breaks escaped).
      expect(JSON.stringify({ seq: 1, jsep: { type: 'answer', sdp: part }, part: { index, count: parts.length } }).length).toBeLessThan(64 * 1024);
      expect(sfuAnswerRequestSchema.safeParse({ seq: 1, jsep: { type: 'answer', sdp: part }, part: { index, count: parts.length } }).success).toBe(true);
    }
  });

  it('refuses part descriptions that cannot be right', () => {
    const req = (part: unknown) => sfuAnswerRequestSchema.safeParse({ seq: 1, jsep: { type: 'answer', sdp: 'v=0' }, part }).success;
    expect(req({ index: 2, count: 2 })).toBe(false);
    expect(req({ index: 0, count: 1 })).toBe(false);
    expect(req({ index: 0, count: MAX_SFU_ANSWER_PARTS + 1 })).toBe(false);
    expect(req({ index: -1, count: 2 })).toBe(false);
  });

  it('joins the parts in order and hands over the whole answer with the last', () => {
    const a = new AnswerParts();
    const sdp = answerOf(100);
    const parts = answerParts(sdp);
    const outcomes = parts.map((p, index) => a.add(7, { index, count: parts.length }, p));
    expect(outcomes.slice(0, -1)).toEqual(parts.slice(1).map(() => ({ waiting: true })));
    expect(outcomes.at(-1)).toEqual({ sdp });
  });

  it('refuses a part out of order or of another answer, and drops what it gathered', () => {
    const a = new AnswerParts();
    expect(a.add(1, { index: 1, count: 3 }, 'b')).toHaveProperty('refused');
    expect(a.add(1, { index: 0, count: 3 }, 'a')).toEqual({ waiting: true });
    expect(a.add(2, { index: 1, count: 3 }, 'b')).toHaveProperty('refused');
    // Dropped: the rest of the first answer no longer joins.
    expect(a.add(1, { index: 1, count: 3 }, 'b')).toHaveProperty('refused');
    expect(a.add(1, { index: 0, count: 2 }, 'a')).toEqual({ waiting: true });
    expect(a.add(1, { index: 1, count: 3 }, 'b')).toHaveProperty('refused');
  });

  it('starts over on a first part (an answer left unfinished is dropped)', () => {
    const a = new AnswerParts();
    expect(a.add(1, { index: 0, count: 2 }, 'old')).toEqual({ waiting: true });
    expect(a.add(2, { index: 0, count: 2 }, 'new-')).toEqual({ waiting: true });
    expect(a.add(2, { index: 1, count: 2 }, 'answer')).toEqual({ sdp: 'new-answer' });
  });

  it('refuses an answer past MAX_SFU_ANSWER_BYTES over its parts', () => {
    const a = new AnswerParts();
    const big = 'x'.repeat(SFU_ANSWER_PART_BYTES);
    const count = MAX_SFU_ANSWER_PARTS;
    const outcomes = Array.from({ length: count }, (_, index) => a.add(1, { index, count }, index === count - 1 ? big + 'x'.repeat(MAX_SFU_ANSWER_BYTES) : big));
    expect(outcomes.at(-1)).toEqual({ refused: `the answer is over ${MAX_SFU_ANSWER_BYTES} bytes` });
  });
});
