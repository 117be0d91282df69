import { stream, track } from './testing/fake-media';
import { participant } from './testing/fake-signaling';
import { FakeTransport, fakeTransportFactory } from './testing/fake-transport';
import { testRoom } from './testing/test-room';

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
  const { room } = await testRoom({
    others: [participant('bob-000002', 'Bob')],
    room: {
      serverUrl: '',
      origin: 'https://app.test',
      roomName: 'r1',
      transportFactory: (ctx) => Object.assign(new FakeTransport(ctx), { getPeerConnection: () => pc }),
      createLevelMeter: () => ({ level: () => 0.5, stop: () => undefined }),
    },
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

it('on one shared (SFU) connection, speaking is per participant from its receiver, without getStats; quality takes one getStats per tick', async () => {
  jest.useFakeTimers();
  const bobAudio = track('audio');
  const cyAudio = track('audio');
  const levels = new Map<MediaStreamTrack, number>([
    [bobAudio, 0.4],
    [cyAudio, 0],
  ]);
  let statsCalls = 0;
  const shared = {
    getReceivers: () => [...levels.keys()].map((t) => ({ track: t, getSynchronizationSources: () => [{ audioLevel: levels.get(t) }] })),
    getStats: async () => {
      statsCalls++;
      return new Map([['in-a', { id: 'in-a', type: 'inbound-rtp', kind: 'audio', audioLevel: 0.9, packetsLost: 0, packetsReceived: 100 * statsCalls }]]);
    },
  } as unknown as RTCPeerConnection;
  const transports = fakeTransportFactory();
  const { room } = await testRoom({
    others: [participant('bob-000002', 'Bob'), participant('cy-0000003', 'Cy')],
    room: {
      transportFactory: (ctx) => Object.assign(transports.factory(ctx), { getPeerConnection: () => shared }),
      createLevelMeter: () => ({ level: () => 0, stop: () => undefined }),
    },
  });
  await room.join();
  transports.last().fakeStream('bob-000002', stream([bobAudio]));
  transports.last().fakeStream('cy-0000003', stream([cyAudio]));
  await jest.advanceTimersByTimeAsync(1900);
  // Six speaking ticks for two participants, no getStats: the levels came from the receivers.
  expect(statsCalls).toBe(0);
  const byName = () => Object.fromEntries(room.participants.map((p) => [p.name, p.speaking]));
  expect(byName()).toEqual({ Bob: true, Cy: false });
  await jest.advanceTimersByTimeAsync(100);
  // The quality tick: one getStats for the connection both participants share.
  expect(statsCalls).toBe(1);
  levels.set(bobAudio, 0);
  levels.set(cyAudio, 0.5);
  await jest.advanceTimersByTimeAsync(1500);
  expect(byName()).toEqual({ Bob: false, Cy: true });
  await room.leave();
});
