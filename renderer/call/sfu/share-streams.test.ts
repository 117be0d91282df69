import { stream, track } from '../testing/fake-media';
import { SHARE_ENCODING, SfuRemoteShares, fillShareSlot, shareMids } from './share-streams';

describe('SFU share slots', () => {
  it("a feed's second video stream is its share slot, whatever the order of feeds and kinds", () => {
    const streams = [
      { mid: '0', kind: 'audio' as const, feed: 'ann-000001' },
      { mid: '1', kind: 'video' as const, feed: 'ann-000001' },
      { mid: '2', kind: 'video' as const, feed: 'ann-000001' },
      { mid: '3', kind: 'audio' as const, feed: 'bob-000002' },
      { mid: '4', kind: 'video' as const, feed: 'bob-000002' },
      { mid: '5', kind: 'video' as const, feed: 'bob-000002' },
      { mid: '6', kind: 'video' as const, feed: 'cy-0000003' }, // an older client: camera only
    ];
    expect([...shareMids(streams)]).toEqual(['2', '5']);
  });

  it('emits a stream per participant when its slot track appears or changes, null when it goes; replays for late participants', () => {
    const seen: [string, MediaStream | null][] = [];
    const shares = new SfuRemoteShares((id, s) => seen.push([id, s]), (tracks) => stream(tracks));
    const t1 = track('video');
    const known = new Set(['ann-000001']);
    shares.update(new Map([['ann-000001', t1], ['bob-000002', track('video')]]), (id) => known.has(id));
    expect(seen.map(([id, s]) => [id, s?.getVideoTracks()[0]])).toEqual([['ann-000001', t1]]);
    shares.update(new Map([['ann-000001', t1], ['bob-000002', track('video')]]), (id) => known.has(id));
    expect(seen).toHaveLength(1); // nothing changed for Ann; Bob's new track is kept, Bob is unknown
    known.add('bob-000002');
    shares.replay('bob-000002');
    expect(seen.map(([id]) => id)).toEqual(['ann-000001', 'bob-000002']);
    shares.update(new Map(), (id) => known.has(id));
    expect(seen.slice(2)).toEqual([['ann-000001', null], ['bob-000002', null]]);
  });
});

describe('the publisher share slot', () => {
  function slot() {
    let params = { encodings: [{ ...SHARE_ENCODING }] } as RTCRtpSendParameters;
    const log: string[] = [];
    const sender = {
      track: null as MediaStreamTrack | null,
      replaceTrack: async (t: MediaStreamTrack | null) => void ((sender.track = t), log.push(t ? 'track' : 'no track')),
      getParameters: () => params,
      setParameters: async (p: RTCRtpSendParameters) => void ((params = p), log.push(`active=${String(p.encodings[0].active)}`)),
    };
    return { tx: { sender } as unknown as RTCRtpTransceiver, log, sender };
  }

  it('starts inactive (an empty slot sends nothing), turns on with a share and off again without it', async () => {
    expect(SHARE_ENCODING.active).toBe(false);
    const { tx, log, sender } = slot();
    const screen = track('video');
    await fillShareSlot(tx, screen);
    expect(sender.track).toBe(screen);
    await fillShareSlot(tx, screen); // already on: no second setParameters
    await fillShareSlot(tx, null);
    expect(log).toEqual(['track', 'active=true', 'track', 'no track', 'active=false']);
  });
});
