import { UplinkGovernor } from './uplink-governor';

/** A connection whose estimate the test sets, with one sender carrying `track`. */
function fakePc(track: object, state = 'connected') {
  const encodings: Record<string, unknown>[] = [{ priority: 'low' }];
  const sender = {
    track,
    getParameters: () => ({ encodings, degradationPreference: 'balanced' }),
    setParameters: jest.fn(async (p: { encodings: Record<string, unknown>[] }) => void encodings.splice(0, 1, { ...p.encodings[0] })),
  };
  const pc = {
    connectionState: state,
    bps: 2_000_000,
    getSenders: () => [sender],
    getStats: async () =>
      new Map<string, Record<string, unknown>>([
        ['t', { type: 'transport', id: 't', selectedCandidatePairId: 'p' }],
        ['p', { type: 'candidate-pair', id: 'p', availableOutgoingBitrate: pc.bps }],
      ]),
  };
  return { pc, sender, encodings };
}

it('pauses the camera on each connection whose link is too weak, keeping the encoding\'s other settings, and says so once every one is paused', async () => {
  const camera = {};
  const a = fakePc(camera);
  const b = fakePc(camera);
  const other = fakePc({}); // a share's sender: never touched
  let now = 0;
  const paused: boolean[] = [];
  const g = new UplinkGovernor(
    { connections: () => [a.pc, b.pc, other.pc] as unknown as RTCPeerConnection[], cameraTrack: () => camera as MediaStreamTrack, onPaused: (p) => paused.push(p) },
    1000,
    () => now,
  );
  a.pc.bps = 80_000;
  for (let i = 0; i < 2; i++, now += 1000) await g.tick();
  expect(a.encodings[0]).toEqual({ priority: 'low', active: false });
  expect(b.sender.setParameters).not.toHaveBeenCalled();
  expect(paused).toEqual([]);
  b.pc.bps = 80_000;
  for (let i = 0; i < 2; i++, now += 1000) await g.tick();
  expect(b.encodings[0]).toMatchObject({ active: false });
  expect(paused).toEqual([true]);
  expect(other.sender.setParameters).not.toHaveBeenCalled();
  // One link recovers (its probe succeeds): not paused everywhere any more.
  a.pc.bps = 600_000;
  for (let i = 0; i < 6; i++, now += 1000) await g.tick();
  expect(a.encodings[0]).toMatchObject({ active: true, scaleResolutionDownBy: 2, maxFramerate: 15 });
  expect(paused).toEqual([true, false]);
  g.stop();
});
