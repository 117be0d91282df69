/** Screen share in the mesh: an extra stream per peer, announced by id before the offer that carries it. */
import type { PeerSignalData } from '../../../protocol';
import { fakePeerFactory } from '../testing/fake-peer';
import { stream, track } from '../testing/fake-media';
import { MeshTransport } from './mesh-transport';

function mesh(selfId: string, opts: { video?: boolean } = {}) {
  const peers = fakePeerFactory();
  const audio = track('audio');
  const video = opts.video === false ? null : track('video');
  const camera = stream([audio, ...(video ? [video] : [])]);
  const t = new MeshTransport({
    selfId,
    iceServers: [],
    local: { audio, video, stream: camera },
    createPeer: peers.factory,
    restartDelayMs: 5,
  });
  const out: [string, PeerSignalData][] = [];
  t.on('signal', (to, d) => out.push([to, d]));
  const cameras: [string, MediaStream][] = [];
  t.on('stream', (id, s) => cameras.push([id, s]));
  const shares: [string, MediaStream | null][] = [];
  t.on('share', (id, s) => shares.push([id, s]));
  return { t, peers, out, cameras, shares, camera };
}

const flush = () => new Promise((r) => setImmediate(r));
const offer = { type: 'offer' as const, sdp: 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n' };

describe('sending a share', () => {
  it('announces the share stream to every peer, then adds its tracks in that stream; stop announces null and removes them', async () => {
    const a = mesh('aaaa-0001');
    a.t.addPeer('bbbb-0002');
    a.t.addPeer('cccc-0003');
    const share = stream([track('video')]);
    await a.t.setShare(share);
    expect(a.out).toEqual([
      ['bbbb-0002', { type: 'share', stream: share.id }],
      ['cccc-0003', { type: 'share', stream: share.id }],
    ]);
    for (const p of a.peers.made) {
      expect(p.addedTracks.at(-1)).toBe(share.getVideoTracks()[0]);
      expect(p.addedStreams.at(-1)).toBe(share); // its own stream, not the camera's
      expect(p.addedStreams.slice(0, -1).every((s) => s === a.camera)).toBe(true);
    }
    await a.t.setShare(null);
    expect(a.out.slice(2)).toEqual([
      ['bbbb-0002', { type: 'share', stream: null }],
      ['cccc-0003', { type: 'share', stream: null }],
    ]);
    for (const p of a.peers.made) expect(p.removedTracks).toEqual([share.getVideoTracks()[0]]);
  });

  it('a peer that joins while we share gets the share in its first offer, announced before anything else', () => {
    const a = mesh('aaaa-0001');
    const share = stream([track('video'), track('audio')]);
    void a.t.setShare(share);
    a.t.addPeer('bbbb-0002');
    const p = a.peers.made[0];
    expect(a.out[0]).toEqual(['bbbb-0002', { type: 'share', stream: share.id }]);
    // Added synchronously with the camera and mic, so the first offer carries all of them.
    expect(p.addedTracks).toEqual([...a.camera.getTracks(), ...share.getTracks()]);
  });

  it('a restarted peer (fresh simple-peer) gets the share again', async () => {
    jest.useFakeTimers();
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const a = mesh('aaaa-0001');
    a.t.addPeer('bbbb-0002');
    const share = stream([track('video')]);
    await a.t.setShare(share);
    a.peers.made[0].fire('close');
    jest.advanceTimersByTime(10);
    expect(a.peers.made).toHaveLength(2);
    expect(a.peers.made[1].addedTracks).toContain(share.getVideoTracks()[0]);
    expect(a.out.filter(([, d]) => d.type === 'share')).toHaveLength(2);
    jest.useRealTimers();
    warn.mockRestore();
  });

  it('sharing with the camera off: turning the camera on later adds a camera sender, never reusing the share sender', async () => {
    const a = mesh('aaaa-0001', { video: false });
    a.t.addPeer('bbbb-0002');
    const p = a.peers.made[0];
    const share = stream([track('video')]);
    await a.t.setShare(share);
    const cam = track('video');
    await a.t.replaceTrack('video', cam);
    await flush();
    expect(p.addedTracks.at(-1)).toBe(cam);
    expect(p.addedStreams.at(-1)).toBe(a.camera);
    const shareSender = p.senders.find((s) => s.track === share.getVideoTracks()[0]);
    expect(shareSender?.replaced).toEqual([]);
  });
});

describe('receiving a share', () => {
  it('tells the share stream from the camera stream by the announced id', () => {
    const b = mesh('bbbb-0002');
    b.t.addPeer('aaaa-0001');
    const cam = stream([track('audio'), track('video')]);
    const share = stream([track('video')]);
    b.t.handleSignal('aaaa-0001', { type: 'share', stream: share.id });
    b.t.handleSignal('aaaa-0001', offer);
    const p = b.peers.made[0];
    expect(p.signals).toEqual([offer]); // the announcement is not simple-peer's
    p.fire('stream', cam);
    p.fire('stream', share);
    p.fire('track', share.getVideoTracks()[0], share);
    expect(b.cameras).toEqual([['aaaa-0001', cam]]);
    expect(b.shares).toEqual([['aaaa-0001', share], ['aaaa-0001', share]]);
    b.t.handleSignal('aaaa-0001', { type: 'share', stream: null });
    expect(b.shares.at(-1)).toEqual(['aaaa-0001', null]);
    // A late track of the ended share is neither a share nor the camera.
    p.fire('track', share.getVideoTracks()[0], share);
    expect(b.cameras).toHaveLength(1);
    expect(b.shares).toHaveLength(3);
  });

  it('a sharer with camera and mic off: its only stream is the share, not a camera', () => {
    const b = mesh('bbbb-0002');
    const share = stream([track('video')]);
    // Arrives before we know the peer: kept in order with the offer.
    b.t.handleSignal('aaaa-0001', { type: 'share', stream: share.id });
    b.t.handleSignal('aaaa-0001', offer);
    b.t.addPeer('aaaa-0001');
    b.peers.made[0].fire('stream', share);
    expect(b.cameras).toEqual([]);
    expect(b.shares).toEqual([['aaaa-0001', share]]);
  });

  it('a new share replacing the old one removes the old tile first', () => {
    const b = mesh('bbbb-0002');
    b.t.addPeer('aaaa-0001');
    const first = stream([track('video')]);
    const second = stream([track('video')]);
    b.t.handleSignal('aaaa-0001', { type: 'share', stream: first.id });
    b.peers.made[0].fire('stream', first);
    b.t.handleSignal('aaaa-0001', { type: 'share', stream: second.id });
    b.peers.made[0].fire('stream', second);
    expect(b.shares).toEqual([['aaaa-0001', first], ['aaaa-0001', null], ['aaaa-0001', second]]);
  });
});
