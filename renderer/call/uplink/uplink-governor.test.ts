import { UplinkGovernor } from './uplink-governor';
import { GRACE_MS, UplinkPolicy } from './uplink-policy';

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
    /** How long ago the far side last sent anything on the selected pair. */
    silentMs: 0,
    getSenders: () => [sender],
    getStats: async () =>
      new Map<string, Record<string, unknown>>([
        ['t', { type: 'transport', id: 't', selectedCandidatePairId: 'p' }],
        ['p', { type: 'candidate-pair', id: 'p', availableOutgoingBitrate: pc.bps, timestamp: 100_000, lastPacketReceivedTimestamp: 100_000 - pc.silentMs }],
      ]),
  };
  return { pc, sender, encodings };
}

/** A sender with the SFU publisher's three layers, smallest first; setParameters keeps them in place. */
function simulcastSender() {
  const encodings = [
    { rid: 'q', scaleResolutionDownBy: 4, maxBitrate: 120_000 },
    { rid: 'h', scaleResolutionDownBy: 2, maxBitrate: 250_000 },
    { rid: 'f', scaleResolutionDownBy: 1, maxBitrate: 600_000 },
  ];
  const sender = { getParameters: () => ({ encodings }), setParameters: async () => undefined } as unknown as RTCRtpSender;
  return { encodings, sender };
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

it('keeps the policy of a connection that was still connecting when first seen (it starts once, not again a round later)', async () => {
  const camera = {};
  const a = fakePc(camera, 'connecting');
  a.pc.bps = 80_000; // too weak for video from the start
  let now = 0;
  const g = new UplinkGovernor({ connections: () => [a.pc] as unknown as RTCPeerConnection[], cameraTrack: () => camera as MediaStreamTrack, onPaused: () => undefined }, 1000, () => now);
  await g.tick();
  a.pc.connectionState = 'connected';
  // First sample at 1 s: the grace ends at 1 s + GRACE_MS, and two poor samples pause the camera.
  for (now = 1000; now <= 1000 + GRACE_MS + 1000; now += 1000) await g.tick();
  expect(a.encodings[0]).toMatchObject({ active: false });
});

it('reads the estimate and the silence of the selected pair, and the loss and encoder limit of the camera only (not a screen share on the same connection)', async () => {
  const { readUplink } = await import('./uplink-governor');
  const stats = [
    { type: 'transport', id: 't', selectedCandidatePairId: 'p2' },
    { type: 'candidate-pair', id: 'p1', availableOutgoingBitrate: 9_000_000, timestamp: 50_000, lastPacketReceivedTimestamp: 10_000 },
    { type: 'candidate-pair', id: 'p2', availableOutgoingBitrate: 700_000, timestamp: 50_000, lastPacketReceivedTimestamp: 49_700 },
    { type: 'media-source', id: 'm-cam', trackIdentifier: 'cam' },
    { type: 'media-source', id: 'm-share', trackIdentifier: 'share' },
    { type: 'outbound-rtp', id: 'o-q', mediaSourceId: 'm-cam', qualityLimitationReason: 'none' },
    { type: 'outbound-rtp', id: 'o-h', mediaSourceId: 'm-cam', qualityLimitationReason: 'bandwidth' },
    { type: 'outbound-rtp', id: 'o-s', mediaSourceId: 'm-share', qualityLimitationReason: 'bandwidth' },
    { type: 'remote-inbound-rtp', id: 'r-q', kind: 'video', localId: 'o-q', fractionLost: 0.02 },
    { type: 'remote-inbound-rtp', id: 'r-s', kind: 'video', localId: 'o-s', fractionLost: 0.5 },
  ];
  const pc = { getStats: async () => new Map(stats.map((s) => [s.id, s])) } as unknown as RTCPeerConnection;
  expect(await readUplink(pc, 'cam')).toEqual({ availableBps: 700_000, lossFraction: 0.02, bandwidthLimited: true, silentMs: 300 });
  stats[6].qualityLimitationReason = 'cpu';
  expect((await readUplink(pc, 'cam')).bandwidthLimited).toBe(false);
  expect((await readUplink(pc, 'other')).bandwidthLimited).toBeNull();
});

it.each([
  ['the far side goes silent', (pc: { silentMs: number }) => void (pc.silentMs = 3000), (pc: { silentMs: number }) => void (pc.silentMs = 20)],
  ['ICE calls it disconnected', (pc: { connectionState: string }) => void (pc.connectionState = 'disconnected'), (pc: { connectionState: string }) => void (pc.connectionState = 'connected')],
])('does not judge a cut path (%s), and judges it afresh once it is back', async (_how, cut, restore) => {
  const camera = {};
  const a = fakePc(camera);
  let now = 0;
  const paused: boolean[] = [];
  const g = new UplinkGovernor({ connections: () => [a.pc] as unknown as RTCPeerConnection[], cameraTrack: () => camera as MediaStreamTrack, onPaused: (p) => paused.push(p) }, 1000, () => now);
  await g.tick();
  now += GRACE_MS;
  // A weak link first: the camera is reduced.
  a.pc.bps = 300_000;
  for (let i = 0; i < 2; i++, now += 1000) await g.tick();
  expect(a.encodings[0]).toMatchObject({ active: true, scaleResolutionDownBy: 2 });
  // The link is cut: nothing comes back and the estimate of the dead path falls. Not a weak link: no pause.
  cut(a.pc);
  a.pc.bps = 40_000;
  const calls = a.sender.setParameters.mock.calls.length;
  for (let i = 0; i < 8; i++, now += 1000) await g.tick();
  expect(a.sender.setParameters.mock.calls.length).toBe(calls);
  expect(paused).toEqual([]);
  // The link is back, its estimate still low: the camera is sent as captured at once, and judged after the grace.
  restore(a.pc);
  await g.tick();
  expect(a.encodings[0]).toEqual({ priority: 'low', active: true });
  for (let i = 0; i < GRACE_MS / 1000 - 1; i++, now += 1000) await g.tick();
  expect(paused).toEqual([]);
  for (let i = 0; i < 3; i++, now += 1000) await g.tick();
  expect(a.encodings[0]).toMatchObject({ active: false });
  expect(paused).toEqual([true]);
  g.stop();
});

it('on a simulcast sender (the SFU publisher) sends the smallest layer alone, sized and capped by the policy, when reduced or probing; none when paused; all as set when full', async () => {
  const { applyLimits } = await import('./uplink-governor');
  const { encodings, sender } = simulcastSender();
  const layers = () => encodings.map((e) => [(e as { active?: boolean }).active, e.scaleResolutionDownBy, e.maxBitrate, (e as { maxFramerate?: number }).maxFramerate]);
  // Reduced (a 300 kbit/s link): the smallest layer alone takes the whole cap, at half scale and 15 fps.
  await applyLimits(sender, { active: true, maxBitrate: 210_000, scaleResolutionDownBy: 2, maxFramerate: 15 });
  expect(layers()).toEqual([
    [true, 2, 210_000, 15],
    [false, 2, 250_000, undefined],
    [false, 1, 600_000, undefined],
  ]);
  // Even with room for two layers: the larger ones come back only with the policy's full level.
  await applyLimits(sender, { active: true, maxBitrate: 450_000, scaleResolutionDownBy: 2, maxFramerate: 15 });
  expect(layers()[0]).toEqual([true, 2, 450_000, 15]);
  expect(layers().slice(1).map(([active]) => active)).toEqual([false, false]);
  // The policy's probe after a pause: the smallest layer at the reduced size and rate, capped at what video needs.
  const policy = new UplinkPolicy();
  policy.sample({ at: 0, availableBps: null, lossFraction: null });
  for (let at = GRACE_MS; policy.level !== 'probing'; at += 1000) policy.sample({ at, availableBps: 50_000, lossFraction: 0 });
  await applyLimits(sender, policy.limits());
  expect(layers()).toEqual([
    [true, 2, 60_000, 15],
    [false, 2, 250_000, undefined],
    [false, 1, 600_000, undefined],
  ]);
  await applyLimits(sender, { active: false });
  expect(encodings.map((e) => (e as { active?: boolean }).active)).toEqual([false, false, false]);
  // Full again: every layer as the publisher set it.
  await applyLimits(sender, { active: true });
  expect(layers()).toEqual([
    [true, 4, 120_000, undefined],
    [true, 2, 250_000, undefined],
    [true, 1, 600_000, undefined],
  ]);
});

it('judges a fallen estimate on a single-encoding camera but leaves it to the browser on a simulcast one (the SFU publisher)', async () => {
  const camera = { id: 'cam' };
  /** The encoder reports that nothing limits it, whatever the estimate. */
  const unhindered = (x: ReturnType<typeof fakePc>) => {
    const read = x.pc.getStats;
    x.pc.getStats = async () => {
      const m = await read();
      m.set('m', { type: 'media-source', id: 'm', trackIdentifier: 'cam' });
      m.set('o', { type: 'outbound-rtp', id: 'o', mediaSourceId: 'm', qualityLimitationReason: 'none' });
      return m;
    };
  };
  const mesh = fakePc(camera);
  const sfu = fakePc(camera);
  const layers = [{ rid: 'q' }, { rid: 'h' }, { rid: 'f' }];
  sfu.sender.getParameters = () => ({ encodings: layers, degradationPreference: 'balanced' });
  [mesh, sfu].forEach(unhindered);
  let now = 0;
  const g = new UplinkGovernor({ connections: () => [mesh.pc, sfu.pc] as unknown as RTCPeerConnection[], cameraTrack: () => camera as unknown as MediaStreamTrack, onPaused: () => undefined }, 1000, () => now);
  for (; now <= GRACE_MS; now += 1000) await g.tick();
  mesh.pc.bps = sfu.pc.bps = 150_000;
  for (let i = 0; i < 2; i++, now += 1000) await g.tick();
  expect(mesh.encodings[0]).toMatchObject({ active: true, scaleResolutionDownBy: 2 });
  expect(sfu.sender.setParameters).not.toHaveBeenCalled();
});

it('leaves alone a connection retired while it was being read (a warm SFU path held idle), and judges one that comes back afresh', async () => {
  const camera = {};
  const a = fakePc(camera);
  let live = [a.pc];
  let now = 0;
  const g = new UplinkGovernor({ connections: () => live as unknown as RTCPeerConnection[], cameraTrack: () => camera as MediaStreamTrack, onPaused: () => undefined }, 1000, () => now);
  await g.tick();
  now += GRACE_MS;
  a.pc.bps = 300_000;
  await g.tick();
  now += 1000;
  // The second weak reading would reduce the camera, but the path is held idle while it is read.
  const read = a.pc.getStats;
  a.pc.getStats = async () => ((live = []), read());
  await g.tick();
  expect(a.sender.setParameters).not.toHaveBeenCalled();
  // Taken into use again: a new connection to the policy, with its start-up grace.
  a.pc.getStats = read;
  live = [a.pc];
  for (let i = 0; i < GRACE_MS / 1000; i++, now += 1000) await g.tick();
  expect(a.sender.setParameters).not.toHaveBeenCalled();
  for (let i = 0; i < 2; i++, now += 1000) await g.tick();
  expect(a.encodings[0]).toMatchObject({ active: true, scaleResolutionDownBy: 2 });
});

it('sends the camera lean as soon as a topology switch runs both paths (a mesh link at half size, start-up grace or not) and as before once it is over', async () => {
  const camera = {};
  const a = fakePc(camera);
  let switching = false;
  let now = 0;
  const g = new UplinkGovernor(
    { connections: () => [a.pc] as unknown as RTCPeerConnection[], cameraTrack: () => camera as MediaStreamTrack, onPaused: () => undefined, lean: () => switching },
    1000,
    () => now,
  );
  await g.tick();
  expect(a.sender.setParameters).not.toHaveBeenCalled();
  // At once, without measuring (a loaded page's getStats takes seconds).
  switching = true;
  const read = a.pc.getStats;
  a.pc.getStats = () => new Promise(() => undefined);
  await g.leanNow();
  expect(a.encodings[0]).toEqual({ priority: 'low', active: true, scaleResolutionDownBy: 2 });
  a.pc.getStats = read;
  now += 1000;
  await g.tick();
  now += 1000;
  await g.tick();
  expect(a.sender.setParameters).toHaveBeenCalledTimes(1);
  switching = false;
  now += 1000;
  await g.tick();
  expect(a.encodings[0]).toEqual({ priority: 'low', active: true });
});

it('leaves out the largest simulcast layer of a full camera while lean; a reduced, probing or paused camera is as the policy says', async () => {
  const { applyLimits } = await import('./uplink-governor');
  const { encodings, sender } = simulcastSender();
  const active = () => encodings.map((e) => (e as { active?: boolean }).active);
  await applyLimits(sender, { active: true }, true);
  expect(active()).toEqual([true, true, false]);
  await applyLimits(sender, { active: true, maxBitrate: 200_000, scaleResolutionDownBy: 2, maxFramerate: 15 }, true);
  expect(active()).toEqual([true, false, false]);
  await applyLimits(sender, { active: false }, true);
  expect(active()).toEqual([false, false, false]);
  await applyLimits(sender, { active: true }, false);
  expect(active()).toEqual([true, true, true]);
});
