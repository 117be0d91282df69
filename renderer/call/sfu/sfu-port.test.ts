import { SFU_ANSWER_PART_BYTES } from '../../../protocol';
import type { SignalingPort } from '../signaling-client';
import { sfuPortOver } from './sfu-port';

/** A signaling port that records requests and acks each at once. */
function recorder() {
  const sent: { event: string; payload: Record<string, unknown> }[] = [];
  const signaling = {
    request: async (event: string, payload: Record<string, unknown>) => {
      sent.push({ event, payload });
      return null;
    },
  } as unknown as SignalingPort;
  return { sent, port: sfuPortOver(signaling) };
}

it('sends a short answer in one request, without part', async () => {
  const { sent, port } = recorder();
  await port.answer(3, { type: 'answer', sdp: 'v=0\r\n' });
  expect(sent).toEqual([{ event: 'sfu:answer', payload: { seq: 3, jsep: { type: 'answer', sdp: 'v=0\r\n' } } }]);
});

it("sends a large room's answer in parts, in order, each marked with its place", async () => {
  const { sent, port } = recorder();
  const sdp = 'a'.repeat(SFU_ANSWER_PART_BYTES) + 'b'.repeat(SFU_ANSWER_PART_BYTES) + 'c';
  await port.answer(4, { type: 'answer', sdp });
  expect(sent.map((s) => s.payload.part)).toEqual([
    { index: 0, count: 3 },
    { index: 1, count: 3 },
    { index: 2, count: 3 },
  ]);
  expect(sent.map((s) => (s.payload.jsep as { sdp: string }).sdp).join('')).toBe(sdp);
  expect(sent.every((s) => s.event === 'sfu:answer' && s.payload.seq === 4)).toBe(true);
});
