/**
 * Signals relayed while the room is away are held and go out in order once it is back; one refused
 * with NOT_IN_ROOM just as the connection went is held too; a rejoin drops what was held.
 */
import type { PeerSignalData } from '../../protocol';
import { CallError } from './api';
import { SignalRelay } from './signal-relay';

const sig = (n: number) => ({ type: 'candidate', candidate: { candidate: `c${n}`, sdpMid: '0', sdpMLineIndex: 0 } }) as unknown as PeerSignalData;
const flush = () => new Promise((r) => setImmediate(r));

/** A relay over a server that refuses (NOT_IN_ROOM) while `refuse` is set; what went out, as "to:candidate" or "to:type". */
function setup(refusing = false) {
  const sent: string[] = [];
  const state = { refuse: refusing };
  const relay = new SignalRelay(async (to, s) => {
    if (state.refuse) throw new CallError('NOT_IN_ROOM', 'join a room first');
    sent.push(`${to}:${s.type === 'candidate' ? (s as unknown as { candidate: { candidate: string } }).candidate.candidate : s.type}`);
  });
  return { relay, sent, state };
}

it('sends at once while the room is here, holds while it is away, then sends the held ones in order', async () => {
  const { relay, sent } = setup();
  relay.relay('bo', sig(1));
  relay.hold();
  relay.relay('bo', sig(2));
  relay.relay('cy', sig(3));
  await flush();
  expect(sent).toEqual(['bo:c1']);
  relay.release();
  await flush();
  expect(sent).toEqual(['bo:c1', 'bo:c2', 'cy:c3']);
});

it('drops the held ones on a rejoin, and only warns about a refusal while the room is here', async () => {
  const { relay, sent } = setup();
  relay.hold();
  relay.relay('bo', sig(2));
  relay.drop();
  relay.release();
  await flush();
  expect(sent).toEqual([]);
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  setup(true).relay.relay('bo', sig(3));
  await flush();
  expect(warn).toHaveBeenCalledWith('peer:signal not relayed', expect.any(CallError));
  warn.mockRestore();
});

it('holds a signal refused as not in the room while the room is away, and sends it again in its place', async () => {
  const { relay, sent, state } = setup(true);
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  relay.relay('bo', sig(1)); // out just as the connection went
  relay.hold();
  relay.relay('bo', sig(2));
  await flush(); // the first is refused now, after the second was held
  expect(warn).not.toHaveBeenCalled();
  warn.mockRestore();
  state.refuse = false;
  relay.release();
  await flush();
  expect(sent).toEqual(['bo:c1', 'bo:c2']);
});

it("sends each peer's held signals from its last offer or answer on", async () => {
  const { relay, sent } = setup();
  const sdp = (type: 'offer' | 'answer') => ({ type, sdp: 'v=0' }) as PeerSignalData;
  relay.hold();
  relay.relay('bo', sdp('offer'));
  relay.relay('bo', sig(1));
  relay.relay('cy', sdp('answer'));
  relay.relay('bo', sdp('offer')); // the first was rolled back for this one
  relay.relay('bo', sig(2));
  relay.relay('cy', sig(3));
  relay.release();
  await flush();
  expect(sent).toEqual(['cy:answer', 'bo:offer', 'bo:c2', 'cy:c3']);
});
