import { protectedParameters, protectSender } from './sender-priority';

const base = (n = 1): RTCRtpSendParameters =>
  ({ transactionId: 't1', encodings: Array.from({ length: n }, (_, i) => ({ rid: `r${i}`, active: true })), headerExtensions: [], rtcp: {}, codecs: [] }) as unknown as RTCRtpSendParameters;

describe('protectedParameters', () => {
  it('marks every audio encoding high priority, keeping the rest', () => {
    const out = protectedParameters(base(2), 'audio');
    expect(out.encodings).toEqual([
      { rid: 'r0', active: true, priority: 'high', networkPriority: 'high' },
      { rid: 'r1', active: true, priority: 'high', networkPriority: 'high' },
    ]);
    expect(out.transactionId).toBe('t1');
    expect((out as { degradationPreference?: string }).degradationPreference).toBeUndefined();
  });

  it('camera balances, screen share keeps its resolution; encodings untouched', () => {
    const cam = protectedParameters(base(3), 'camera') as RTCRtpSendParameters & { degradationPreference?: string };
    const share = protectedParameters(base(), 'share') as RTCRtpSendParameters & { degradationPreference?: string };
    expect(cam.degradationPreference).toBe('balanced');
    expect(share.degradationPreference).toBe('maintain-resolution');
    expect(cam.encodings).toEqual(base(3).encodings);
  });

  it('does not change the parameters it was given', () => {
    const p = base();
    protectedParameters(p, 'audio');
    expect(p.encodings[0]).toEqual({ rid: 'r0', active: true });
  });
});

describe('protectSender', () => {
  const sender = (params: RTCRtpSendParameters, fail = false) => {
    const set: RTCRtpSendParameters[] = [];
    const s = {
      getParameters: () => params,
      setParameters: async (p: RTCRtpSendParameters) => {
        if (fail) throw new Error('InvalidModificationError');
        set.push(p);
      },
    } as unknown as RTCRtpSender;
    return { s, set };
  };

  it('sets the protected parameters', async () => {
    const { s, set } = sender(base());
    await expect(protectSender(s, 'audio')).resolves.toBe(true);
    expect(set[0].encodings[0]).toMatchObject({ priority: 'high', networkPriority: 'high' });
  });

  it('reports false and sets nothing before encodings exist or when the browser refuses', async () => {
    const empty = sender(base(0));
    await expect(protectSender(empty.s, 'camera')).resolves.toBe(false);
    expect(empty.set).toHaveLength(0);
    await expect(protectSender(sender(base(), true).s, 'share')).resolves.toBe(false);
  });
});
