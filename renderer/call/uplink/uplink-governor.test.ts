import { UplinkGovernor } from './uplink-governor';
import { GRACE_MS } from './uplink-policy';

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
  // Past each connection's start-up grace.
  await g.tick();
  now += GRACE_MS;
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

it('on a simulcast sender (the SFU publisher) leaves a reduced level to the browser, sends only the smallest layer in a probe, none when paused', async () => {
  const { applyLimits } = await import('./uplink-governor');
  const encodings = [
    { rid: 'q', scaleResolutionDownBy: 4, maxBitrate: 120_000 },
    { rid: 'h', scaleResolutionDownBy: 2, maxBitrate: 250_000 },
    { rid: 'f', scaleResolutionDownBy: 1, maxBitrate: 600_000 },
  ];
  const sender = { getParameters: () => ({ encodings }), setParameters: async () => undefined } as unknown as RTCRtpSender;
  await applyLimits(sender, { active: true, maxBitrate: 200_000, scaleResolutionDownBy: 2, maxFramerate: 15 });
  expect(encodings.map((e) => [(e as { active?: boolean }).active, e.maxBitrate, (e as { maxFramerate?: number }).maxFramerate])).toEqual([
    [true, 120_000, undefined],
    [true, 250_000, undefined],
    [true, 600_000, undefined],
  ]);
  // A probe asks for a quarter: only the smallest layer.
  await applyLimits(sender, { active: true, scaleResolutionDownBy: 4, maxFramerate: 10 });
  expect(encodings.map((e) => [(e as { active?: boolean }).active, (e as { maxFramerate?: number }).maxFramerate])).toEqual([
    [true, 10],
    [false, 10],
    [false, 10],
  ]);
  await applyLimits(sender, { active: false });
  expect(encodings.map((e) => (e as { active?: boolean }).active)).toEqual([false, false, false]);
  await applyLimits(sender, { active: true });
  expect(encodings.map((e) => [(e as { active?: boolean }).active, (e as { maxFramerate?: number }).maxFramerate])).toEqual([
    [true, undefined],
    [true, undefined],
    [true, undefined],
  ]);
});
