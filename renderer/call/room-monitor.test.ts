import { LocalMedia } from '../media/local-media';
import { Room } from './room';
import { fakeMediaDeps } from './testing/fake-media';
import { FakeSignaling, joinAnswer, participant } from './testing/fake-signaling';
import { FakeTransport } from './testing/fake-transport';

/** A peer connection whose getStats returns what the test says. */
function fakePc(stats: () => Record<string, unknown>[]) {
  let calls = 0;
  const pc = {
    getStats: async () => {
      calls++;
      return new Map(stats().map((s) => [s.id as string, s]));
    },
  } as unknown as RTCPeerConnection;
  return { pc, calls: () => calls };
}

afterEach(() => jest.useRealTimers());

it('samples quality every 2 s and speaking from inbound audioLevel; timers stop on leave', async () => {
  jest.useFakeTimers();
  let audioLevel = 0.3;
  let received = 1000;
  const { pc, calls } = fakePc(() => [
    { id: 'in-a', type: 'inbound-rtp', kind: 'audio', audioLevel, packetsLost: 0, packetsReceived: (received += 1000), jitter: 0.001 },
    { id: 'T', type: 'transport', selectedCandidatePairId: 'CP' },
    { id: 'CP', type: 'candidate-pair', currentRoundTripTime: 0.45 },
  ]);
  const { media } = await LocalMedia.acquire({}, fakeMediaDeps().deps);
  const sig = new FakeSignaling().handle('room:join', (req) => joinAnswer('me-000001', [participant('bob-000002', 'Bob')], req.media));
  const room = new Room({
    serverUrl: '',
    origin: 'https://app.test',
    roomName: 'r1',
    displayName: 'Ada',
    localMedia: media,
    signaling: sig,
    transportFactory: (ctx) => Object.assign(new FakeTransport(ctx), { getPeerConnection: () => pc }),
    createLevelMeter: () => ({ level: () => 0.5, stop: () => undefined }),
  });
  await room.join();
  await jest.advanceTimersByTimeAsync(2000);
  const bob = room.participants[0];
  expect(bob.quality).toMatchObject({ level: 'poor', cause: 'network', rttMs: 450 });
  expect(bob.speaking).toBe(true);
  expect(room.localParticipant.speaking).toBe(true);
  audioLevel = 0;
  await jest.advanceTimersByTimeAsync(1000);
  expect(room.participants[0].speaking).toBe(false);
  await room.leave();
  const after = calls();
  await jest.advanceTimersByTimeAsync(10_000);
  expect(calls()).toBe(after);
  expect(room.inviteLink).toBe('https://app.test/room/r1');
});
