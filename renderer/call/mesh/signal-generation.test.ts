/** Signals of an ICE generation already replaced are dropped; the current ones pass. */
import type { PeerSignalData } from '../../../protocol';
import { SignalGeneration, withOfferUfrag } from './signal-generation';

const sdp = (type: 'offer' | 'answer', ufrag: string) => ({ type, sdp: `v=0\r\na=ice-ufrag:${ufrag}\r\n` }) as PeerSignalData;
const cand = (ufrag: string, field = false) =>
  ({ type: 'candidate', candidate: { candidate: `candidate:1 1 udp 1 10.0.0.1 5000 typ host${field ? '' : ` ufrag ${ufrag}`}`, sdpMid: '0', ...(field ? { usernameFragment: ufrag } : {}) } }) as PeerSignalData;

it('takes candidates of the latest SDP generation only, and answers only with an offer of ours pending', () => {
  const g = new SignalGeneration();
  const stable = { signalingState: 'stable' as RTCSignalingState, localDescription: null };
  const offering = { signalingState: 'have-local-offer' as RTCSignalingState, localDescription: null };
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

describe('an answer names the offer it answers', () => {
  const offering = (ufrag: string) => ({ signalingState: 'have-local-offer' as RTCSignalingState, localDescription: sdp('offer', ufrag) as RTCSessionDescription });

  it('is tagged with the ufrag of the offer set as remote description; other signals are not', () => {
    const pc = { remoteDescription: sdp('offer', 'a1') as RTCSessionDescription };
    expect(withOfferUfrag(sdp('answer', 'b1'), pc)).toEqual({ ...sdp('answer', 'b1'), offerUfrag: 'a1' });
    expect(withOfferUfrag(sdp('offer', 'b1'), pc)).toEqual(sdp('offer', 'b1'));
    expect(withOfferUfrag(cand('b1'), pc)).toEqual(cand('b1'));
    expect(withOfferUfrag(sdp('answer', 'b1'), { remoteDescription: null })).toEqual(sdp('answer', 'b1'));
  });

  it('is dropped when that offer was rolled back for a newer one (a held offer released, then a restart)', () => {
    // Ana's restart offer a1 was held while her signaling was away and went out on resume; right
    // after, the resume restarted ICE again (offer a2). Bo answered both, in order.
    const g = new SignalGeneration();
    const answer1 = { ...sdp('answer', 'b1'), offerUfrag: 'a1' } as PeerSignalData;
    const answer2 = { ...sdp('answer', 'b2'), offerUfrag: 'a2' } as PeerSignalData;
    expect(g.accepts(answer1, offering('a2'))).toBe(false);
    // Bo's candidates for the answer dropped are of no generation we use.
    expect(g.accepts(cand('b1'), offering('a2'))).toBe(true); // no generation known yet: not judged
    expect(g.accepts(answer2, offering('a2'))).toBe(true);
    expect(g.accepts(cand('b1'), offering('a2'))).toBe(false);
    expect(g.accepts(cand('b2'), offering('a2'))).toBe(true);
    // An answer without the tag (an older client) is judged as before.
    expect(g.accepts(sdp('answer', 'b3'), offering('a3'))).toBe(true);
  });
});
