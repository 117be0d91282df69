/** A remote offer that arrives while the previous one is being answered waits for that answer, with what follows it. */
import type { PeerSignalData } from '../../../protocol';
import { ANSWER_IN_PROGRESS_MAX_MS, RemoteOffers } from './remote-offers';

const offer = (n: number) => ({ type: 'offer', sdp: `v=0\r\na=ice-ufrag:a${n}\r\n` }) as PeerSignalData;
const cand = (n: number) => ({ type: 'candidate', candidate: { candidate: `candidate:1 1 udp 1 10.0.0.1 500${n} typ host ufrag a${n}`, sdpMid: '0' } }) as PeerSignalData;

function setup() {
  const listeners = new Set<() => void>();
  const pc = {
    signalingState: 'stable' as RTCSignalingState,
    addEventListener: (_: string, fn: () => void) => listeners.add(fn),
    removeEventListener: (_: string, fn: () => void) => listeners.delete(fn),
  };
  const applied: PeerSignalData[] = [];
  // As simple-peer does, the signaling state changes later than the offer is handed over
  // (setRemoteDescription, createAnswer and setLocalDescription are asynchronous).
  const offers = new RemoteOffers(() => pc as unknown as RTCPeerConnection, (d) => applied.push(d));
  const state = (s: RTCSignalingState) => {
    pc.signalingState = s;
    for (const fn of [...listeners]) fn();
  };
  return { offers, applied, state, listeners };
}

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

it('applies signals at once while no offer is being answered', () => {
  const s = setup();
  s.offers.push(cand(0));
  s.offers.push(offer(1));
  s.offers.push(cand(1));
  expect(s.applied).toEqual([cand(0), offer(1), cand(1)]);
});

it('holds a second offer and what follows it until the first is answered, then applies them in order', () => {
  const s = setup();
  s.offers.push(offer(1));
  // Still 'stable': the first offer's setRemoteDescription has not completed yet.
  s.offers.push(offer(2));
  s.offers.push(cand(2));
  expect(s.applied).toEqual([offer(1)]);
  s.state('have-remote-offer');
  expect(s.applied).toEqual([offer(1)]);
  s.state('stable'); // the answer to the first is set
  expect(s.applied).toEqual([offer(1), offer(2), cand(2)]);
  // The second is being answered now: a third waits in turn, and nothing is left listening after.
  s.offers.push(offer(3));
  expect(s.applied).toHaveLength(3);
  s.state('have-remote-offer');
  s.state('stable');
  expect(s.applied.at(-1)).toEqual(offer(3));
  s.state('stable');
  expect(s.listeners.size).toBe(0);
});

it('applies what waits after ANSWER_IN_PROGRESS_MAX_MS if the answer never comes (a broken peer is then replaced)', () => {
  const s = setup();
  s.offers.push(offer(1));
  s.offers.push(offer(2));
  s.offers.push(cand(2));
  jest.advanceTimersByTime(ANSWER_IN_PROGRESS_MAX_MS - 1);
  expect(s.applied).toEqual([offer(1)]);
  jest.advanceTimersByTime(1);
  expect(s.applied).toEqual([offer(1), offer(2), cand(2)]);
  // The second offer is being answered in its turn.
  expect(s.listeners.size).toBe(1);
  s.state('stable');
  expect(s.listeners.size).toBe(0);
});
