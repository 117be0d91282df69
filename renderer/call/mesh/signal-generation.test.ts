/** Signals of an ICE generation already replaced are dropped; the current ones pass. */
import type { PeerSignalData } from '../../../protocol';
import { SignalGeneration } from './signal-generation';

const sdp = (type: 'offer' | 'answer', ufrag: string) => ({ type, sdp: `v=0\r\na=ice-ufrag:${ufrag}\r\n` }) as PeerSignalData;
const cand = (ufrag: string, field = false) =>
  ({ type: 'candidate', candidate: { candidate: `candidate:1 1 udp 1 10.0.0.1 5000 typ host${field ? '' : ` ufrag ${ufrag}`}`, sdpMid: '0', ...(field ? { usernameFragment: ufrag } : {}) } }) as PeerSignalData;

it('takes candidates of the latest SDP generation only, and answers only with an offer of ours pending', () => {
  const g = new SignalGeneration();
  const stable = { signalingState: 'stable' as RTCSignalingState };
  const offering = { signalingState: 'have-local-offer' as RTCSignalingState };
  // Before any SDP, nothing is judged.
  expect(g.accepts(cand('old'), stable)).toBe(true);
  expect(g.accepts(sdp('offer', 'one'), stable)).toBe(true);
  expect(g.accepts(cand('one'), stable)).toBe(true);
  expect(g.accepts(cand('one', true), stable)).toBe(true);
  expect(g.accepts(sdp('offer', 'two'), stable)).toBe(true); // a restart
  expect(g.accepts(cand('one'), stable)).toBe(false);
  expect(g.accepts(cand('one', true), stable)).toBe(false);
  expect(g.accepts(cand('two'), stable)).toBe(true);
  // An answer late for an offer already answered (or rolled back) is dropped and changes nothing.
  expect(g.accepts(sdp('answer', 'three'), stable)).toBe(false);
  expect(g.accepts(cand('two'), stable)).toBe(true);
  expect(g.accepts(sdp('answer', 'three'), offering)).toBe(true);
  expect(g.accepts(cand('two'), stable)).toBe(false);
  expect(g.accepts({ type: 'renegotiate', renegotiate: true } as PeerSignalData, stable)).toBe(true);
});
