import { computeQuality, inboundLossPercent, type StatsEntry } from './quality';

/** Builds a snapshot with an inbound audio/video pair and optional extras. */
function snap(opts: {
  lost?: number;
  recv?: number;
  jitter?: number;
  rtt?: number;
  limitation?: string;
  fractionLost?: number;
  remoteRtt?: number;
  videoLost?: number;
  videoRecv?: number;
}): StatsEntry[] {
  const s: StatsEntry[] = [
    { id: 'in-a', type: 'inbound-rtp', kind: 'audio', packetsLost: opts.lost ?? 0, packetsReceived: opts.recv ?? 1000, jitter: opts.jitter ?? 0.005 },
  ];
  if (opts.videoRecv !== undefined) {
    s.push({ id: 'in-v', type: 'inbound-rtp', kind: 'video', packetsLost: opts.videoLost ?? 0, packetsReceived: opts.videoRecv, jitter: 0.001 });
  }
  if (opts.rtt !== undefined) {
    s.push({ id: 'T1', type: 'transport', selectedCandidatePairId: 'CP1' });
    s.push({ id: 'CP0', type: 'candidate-pair', currentRoundTripTime: 9 }); // not selected: must be ignored
    s.push({ id: 'CP1', type: 'candidate-pair', currentRoundTripTime: opts.rtt / 1000 });
  }
  if (opts.limitation) s.push({ id: 'out-v', type: 'outbound-rtp', kind: 'video', qualityLimitationReason: opts.limitation });
  if (opts.fractionLost !== undefined || opts.remoteRtt !== undefined) {
    s.push({ id: 'ri-v', type: 'remote-inbound-rtp', fractionLost: opts.fractionLost ?? 0, roundTripTime: (opts.remoteRtt ?? 20) / 1000 });
  }
  return s;
}

const base = snap({ lost: 0, recv: 0 });

describe('loss thresholds (from deltas)', () => {
  it.each([
    [0, 'good'],
    [1.9, 'good'],
    [2, 'good'],
    [2.1, 'fair'],
    [10, 'fair'],
    [10.1, 'poor'],
    [50, 'poor'],
  ])('%d%% loss => %s', (pct, level) => {
    // 1000 packets expected in the interval: lost + received.
    const lost = pct * 10;
    const q = computeQuality(base, snap({ lost, recv: 1000 - lost }));
    expect(q.lossPercent).toBeCloseTo(pct, 5);
    expect(q.level).toBe(level);
    if (level !== 'good') expect([q.cause, q.problem]).toEqual(['download', 'loss']);
    else expect([q.cause, q.problem]).toEqual([null, null]);
  });

  it('uses deltas, not totals', () => {
    const prev = snap({ lost: 500, recv: 500 }); // 50% lost before the interval
    const q = computeQuality(prev, snap({ lost: 501, recv: 1499 })); // 1 of 1000 in the interval
    expect(q.lossPercent).toBeCloseTo(0.1, 5);
    expect(q.level).toBe('good');
  });

  it('takes the worst of audio and video', () => {
    const prev = snap({ lost: 0, recv: 0, videoLost: 0, videoRecv: 0 });
    const q = computeQuality(prev, snap({ lost: 0, recv: 100, videoLost: 5, videoRecv: 95 }));
    expect(q.lossPercent).toBeCloseTo(5, 5);
    expect(q.level).toBe('fair');
    expect(q.reasons).toEqual(['packet loss 5.0% > 2%']);
  });

  it('falls back to totals when counters restart', () => {
    expect(inboundLossPercent(snap({ lost: 100, recv: 900 }), snap({ lost: 3, recv: 97 }))).toBeCloseTo(3, 5);
  });
});

describe('RTT and jitter thresholds', () => {
  it.each([
    [299, 'good'],
    [300, 'good'],
    [301, 'poor'],
  ])('candidate-pair RTT %d ms => %s', (rtt, level) => {
    const q = computeQuality(base, snap({ rtt }));
    expect(q.rttMs).toBeCloseTo(rtt, 5);
    expect(q.level).toBe(level);
    if (level === 'poor') {
      expect([q.cause, q.problem]).toEqual(['network', 'delay']);
      expect(q.reasons).toEqual(['round-trip time 301 ms > 300 ms']);
    }
  });

  it('falls back to remote-inbound-rtp roundTripTime', () => {
    const q = computeQuality(base, snap({ remoteRtt: 400 }));
    expect(q.rttMs).toBeCloseTo(400, 5);
    expect(q.level).toBe('poor');
  });

  it.each([
    [29, 'good'],
    [30, 'good'],
    [31, 'fair'],
  ])('jitter %d ms => %s', (ms, level) => {
    const q = computeQuality(base, snap({ jitter: ms / 1000 }));
    expect(q.jitterMs).toBeCloseTo(ms, 5);
    expect(q.level).toBe(level);
    if (level === 'fair') expect([q.cause, q.problem]).toEqual(['download', 'jitter']);
  });

  it('worst wins: fair jitter + poor RTT => poor, network', () => {
    const q = computeQuality(base, snap({ jitter: 0.05, rtt: 500 }));
    expect(q.level).toBe('poor');
    expect(q.cause).toBe('network');
    expect(q.reasons).toHaveLength(2);
  });
});

describe('cause selection', () => {
  it('cpu limitation names cpu', () => {
    const q = computeQuality(base, snap({ lost: 50, recv: 950, limitation: 'cpu' }));
    expect(q.level).toBe('fair');
    expect([q.cause, q.problem]).toEqual(['cpu', 'cpu']);
    expect(q.limitation).toBe('cpu');
  });

  it('bandwidth limitation names upload', () => {
    const q = computeQuality(base, snap({ rtt: 400, limitation: 'bandwidth' }));
    expect([q.cause, q.problem]).toEqual(['upload', 'bandwidth']);
    // Loss on our upload while the encoder is bandwidth-limited: still named loss.
    const lossy = computeQuality(base, snap({ fractionLost: 0.15, limitation: 'bandwidth' }));
    expect([lossy.cause, lossy.problem]).toEqual(['upload', 'loss']);
  });

  it('outbound loss (remote-inbound fractionLost) names upload', () => {
    const q = computeQuality(base, snap({ fractionLost: 0.15 }));
    expect(q.level).toBe('poor');
    expect([q.cause, q.problem]).toEqual(['upload', 'loss']);
    expect(q.lossPercent).toBe(0); // lossPercent stays the inbound figure
  });

  it('a limitation alone does not degrade a good link', () => {
    const q = computeQuality(base, snap({ limitation: 'cpu' }));
    expect(q.level).toBe('good');
    expect(q.cause).toBeNull();
  });

  it('no data => unknown', () => {
    const q = computeQuality(null, []);
    expect(q.level).toBe('unknown');
    expect(q.cause).toBeNull();
    expect(q.rttMs).toBeNull();
    expect(q.jitterMs).toBeNull();
  });
});
