import type { PeerConnectionState } from '../api';
import { fakePeerFactory, type FakePeer, type FakeSender } from '../testing/fake-peer';
import { stream, track } from '../testing/fake-media';
import { MeshTransport } from './mesh-transport';
import { sdpSessionId } from './peer';

const offer = (session: string) => ({ type: 'offer' as const, sdp: `v=0\r\no=- ${session} 2 IN IP4 127.0.0.1\r\ns=-\r\n` });
const candidate = { type: 'candidate' as const, candidate: { candidate: 'candidate:1 1 udp 1 10.77.0.2 5000 typ host', sdpMid: '0' } };

function mesh(selfId: string, opts: { audio?: boolean; video?: boolean; joinedAt?: number } = {}) {
  const peers = fakePeerFactory();
  const audio = opts.audio === false ? null : track('audio');
  const video = opts.video === false ? null : track('video');
  const t = new MeshTransport({
    selfId,
    selfJoinedAt: opts.joinedAt,
    iceServers: [{ urls: ['stun:10.77.0.1:3478'] }],
    local: { audio, video, stream: stream([audio, video].filter((x): x is MediaStreamTrack => !!x)) },
    createPeer: peers.factory,
    restartDelayMs: 5,
  });
  const states: [string, PeerConnectionState][] = [];
  t.on('peerState', (id, s) => states.push([id, s]));
  return { t, peers, states, audio, video };
}

afterEach(() => jest.useRealTimers());

describe('initiator choice', () => {
  it('the smaller id initiates, the other waits: exactly one side offers', () => {
    const a = mesh('aaaa-0001');
    const b = mesh('bbbb-0002');
    a.t.addPeer('bbbb-0002');
    b.t.addPeer('aaaa-0001');
    expect(a.peers.made[0].opts.initiator).toBe(true);
    expect(b.peers.made[0].opts.initiator).toBe(false);
    expect(a.peers.made[0].opts).toMatchObject({
      trickle: true,
      config: { iceServers: [{ urls: ['stun:10.77.0.1:3478'] }], bundlePolicy: 'max-bundle' },
    });
  });

  it('the later joiner offers whatever the ids, and answers an offer from an earlier joiner never', () => {
    const early = mesh('zzzz-0009', { joinedAt: 1000 });
    const late = mesh('aaaa-0001', { joinedAt: 2000 });
    early.t.addPeer('aaaa-0001', 2000);
    late.t.addPeer('zzzz-0009', 1000);
    expect(late.peers.made[0].opts.initiator).toBe(true);
    expect(early.peers.made[0].opts.initiator).toBe(false);
    // An offer reaching the later joiner (which offers itself) makes no second, answering peer.
    late.t.handleSignal('zzzz-0009', offer('7'));
    expect(late.peers.made).toHaveLength(1);
  });

  it('sends the local tracks from the start and relays signals to the right peer', () => {
    const a = mesh('aaaa-0001');
    const out: [string, unknown][] = [];
    a.t.on('signal', (to, d) => out.push([to, d]));
    a.t.addPeer('bbbb-0002');
    const p = a.peers.made[0];
    expect(p.addedTracks).toEqual([a.audio, a.video]);
    p.fire('signal', offer('1'));
    expect(out).toEqual([['bbbb-0002', offer('1')]]);
  });
});

describe('signals', () => {
  it('signals that arrive before addPeer are buffered and delivered in order', () => {
    const b = mesh('bbbb-0002');
    b.t.handleSignal('aaaa-0001', offer('7'));
    b.t.handleSignal('aaaa-0001', candidate);
    expect(b.peers.made).toHaveLength(0);
    b.t.addPeer('aaaa-0001');
    expect(b.peers.made).toHaveLength(1);
    expect(b.peers.made[0].signals).toEqual([offer('7'), candidate]);
  });

  it('removePeer destroys the peer and drops buffered signals', () => {
    const a = mesh('aaaa-0001');
    a.t.addPeer('bbbb-0002');
    a.t.handleSignal('cccc-0003', candidate);
    a.t.removePeer('bbbb-0002');
    a.t.removePeer('cccc-0003');
    expect(a.peers.made[0].destroyed).toBe(true);
    a.t.addPeer('cccc-0003');
    expect(a.peers.made[1].signals).toEqual([]);
    expect(a.t.getPeerConnection('bbbb-0002')).toBeNull();
  });

  it('the answering side replaces its peer when an offer of a new session arrives, not on renegotiation', () => {
    const b = mesh('bbbb-0002');
    b.t.addPeer('aaaa-0001');
    b.t.handleSignal('aaaa-0001', offer('100'));
    b.t.handleSignal('aaaa-0001', offer('100')); // renegotiation: same session
    expect(b.peers.made).toHaveLength(1);
    b.t.handleSignal('aaaa-0001', offer('200')); // the offerer started over
    expect(b.peers.made).toHaveLength(2);
    expect(b.peers.made[0].destroyed).toBe(true);
    expect(b.peers.made[1].signals).toEqual([offer('200')]);
  });

  it('the offering side starts over with a fresh peer when its (restart) offer is answered from a new session', () => {
    jest.useFakeTimers();
    const a = mesh('aaaa-0001');
    a.t.addPeer('bbbb-0002');
    const answer = (session: string) => ({ type: 'answer' as const, sdp: offer(session).sdp });
    // Each answer comes to an offer of ours (the fake connection does not move its signaling state by itself).
    a.peers.made[0].signalingState = 'have-local-offer';
    a.t.handleSignal('bbbb-0002', answer('500'));
    a.t.handleSignal('bbbb-0002', answer('500')); // a renegotiation's answer: same session, same peer
    expect(a.peers.made).toHaveLength(1);
    expect(a.peers.made[0].signals).toHaveLength(2);
    // After a long cut the other side's connection failed and it answered our ICE restart with a new peer:
    // its DTLS cannot join ours, so ours is replaced by a fresh offer (the answer is not applied).
    a.t.handleSignal('bbbb-0002', answer('600'));
    expect(a.peers.made[0].destroyed).toBe(true);
    expect(a.peers.made[0].signals).toHaveLength(2);
    jest.advanceTimersByTime(1000);
    expect(a.peers.made).toHaveLength(2);
    expect(a.peers.made[1].opts.initiator).toBe(true);
    expect(a.states.at(-1)).toEqual(['bbbb-0002', 'connecting']);
  });

  it('reads the SDP session id', () => {
    expect(sdpSessionId(offer('4611731400430051336').sdp)).toBe('4611731400430051336');
    expect(sdpSessionId('garbage')).toBeNull();
  });
});

describe('replaceTrack', () => {
  it('uses sender.replaceTrack (no renegotiation) for a kind already sent, also to and from null', async () => {
    const a = mesh('aaaa-0001');
    a.t.addPeer('bbbb-0002');
    const p = a.peers.made[0];
    const videoSender = p.senders[1];
    await a.t.replaceTrack('video', null);
    const cam2 = track('video');
    await a.t.replaceTrack('video', cam2);
    expect(videoSender.replaced).toEqual([null, cam2]);
    expect(p.addedTracks).toHaveLength(2); // no addTrack: no renegotiation
  });

  it('falls back to addTrack when no sender of that kind exists (joined without camera)', async () => {
    const a = mesh('aaaa-0001', { video: false });
    a.t.addPeer('bbbb-0002');
    const p = a.peers.made[0];
    expect(p.addedTracks).toEqual([a.audio]);
    const cam = track('video');
    await a.t.replaceTrack('video', cam);
    expect(p.addedTracks).toEqual([a.audio, cam]);
    // A second change now reuses the new sender.
    await a.t.replaceTrack('video', null);
    expect(p.addedTracks).toHaveLength(2);
    expect(p.senders[1].replaced).toEqual([null]);
  });

  it('peers created later start with the current tracks', async () => {
    const a = mesh('aaaa-0001');
    await a.t.replaceTrack('video', null);
    a.t.addPeer('bbbb-0002');
    expect(a.peers.made[0].addedTracks).toEqual([a.audio]);
  });

  it('operations on one peer are serialised', async () => {
    const a = mesh('aaaa-0001', { video: false });
    a.t.addPeer('bbbb-0002');
    const p: FakePeer = a.peers.made[0];
    const audioSender: FakeSender = p.senders[0];
    let release!: () => void;
    audioSender.gate = new Promise((r) => (release = r));
    const mic2 = track('audio');
    const first = a.t.replaceTrack('audio', mic2); // blocked in sender.replaceTrack
    const second = a.t.replaceTrack('video', track('video')); // must wait for the first
    await new Promise((r) => setImmediate(r));
    expect(p.log).toEqual(['add:audio']); // the video addTrack has not run yet
    release();
    await Promise.all([first, second]);
    expect(audioSender.replaced).toEqual([mic2]);
    expect(p.log).toEqual(['add:audio', 'add:video']);
  });
});

describe('peer states and failures', () => {
  it('maps simple-peer events to connecting / connected / reconnecting', () => {
    const a = mesh('aaaa-0001');
    a.t.addPeer('bbbb-0002');
    const p = a.peers.made[0];
    p.fire('iceStateChange', 'disconnected', 'complete'); // before connect: still connecting
    p.fire('connect');
    p.fire('iceStateChange', 'disconnected', 'complete');
    p.fire('iceStateChange', 'connected', 'complete');
    expect(a.states.map(([, s]) => s)).toEqual(['connecting', 'connected', 'reconnecting', 'connected']);
  });

  it('is connected once ICE connects, before simple-peer opens its data channel', () => {
    const a = mesh('aaaa-0001');
    a.t.addPeer('bbbb-0002');
    const p = a.peers.made[0];
    p.fire('iceStateChange', 'checking', 'gathering');
    p.fire('iceStateChange', 'connected', 'complete');
    p.fire('connect'); // the data channel opens later: no second 'connected'
    expect(a.states.map(([, s]) => s)).toEqual(['connecting', 'connected']);
  });

  it('the initiator re-offers with a fresh peer after a failure, a bounded number of times', async () => {
    jest.useFakeTimers();
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const a = mesh('aaaa-0001');
    a.t.addPeer('bbbb-0002');
    for (let i = 0; i < 3; i++) {
      const p = a.peers.made[i];
      p.fire('error', Object.assign(new Error('Ice connection failed.'), { code: 'ERR_ICE_CONNECTION_FAILURE' }));
      p.fire('close');
      expect(p.destroyed).toBe(true);
      jest.advanceTimersByTime(1000);
      expect(a.peers.made).toHaveLength(i + 2);
      expect(a.peers.made[i + 1].opts.initiator).toBe(true);
    }
    a.peers.made[3].fire('close');
    jest.advanceTimersByTime(10_000);
    expect(a.peers.made).toHaveLength(4);
    expect(a.states.at(-1)).toEqual(['bbbb-0002', 'failed']);
    expect(a.states.filter(([, s]) => s === 'reconnecting')).toHaveLength(3);
    expect(warn).toHaveBeenCalledTimes(1);
    warn.mockRestore();
  });

  it('the answering side waits for a fresh offer after a failure', () => {
    const b = mesh('bbbb-0002');
    b.t.addPeer('aaaa-0001');
    b.t.handleSignal('aaaa-0001', offer('1'));
    b.peers.made[0].fire('close');
    expect(b.peers.made).toHaveLength(1);
    expect(b.states.at(-1)).toEqual(['aaaa-0001', 'reconnecting']);
    b.t.handleSignal('aaaa-0001', offer('2'));
    expect(b.peers.made).toHaveLength(2);
    expect(b.peers.made[1].opts.initiator).toBe(false);
    b.t.close();
  });

  it('close destroys every peer and ignores later calls', () => {
    const a = mesh('aaaa-0001');
    a.t.addPeer('bbbb-0002');
    a.t.addPeer('cccc-0003');
    a.t.close();
    expect(a.peers.made.every((p) => p.destroyed)).toBe(true);
    a.t.addPeer('dddd-0004');
    expect(a.peers.made).toHaveLength(2);
  });
});

describe('switch members', () => {
  it('switchTo and setTileSize change nothing: the switch itself belongs to SwitchingTransport', () => {
    const a = mesh('aaaa-0001');
    a.t.addPeer('bbbb-0002');
    const before = a.states.length;
    a.t.switchTo('sfu');
    a.t.setTileSize('bbbb-0002', 320, 180);
    expect(a.t.kind).toBe('mesh');
    expect(a.peers.made).toHaveLength(1);
    expect(a.peers.made[0].destroyed).toBe(false);
    expect(a.states).toHaveLength(before);
    a.t.close();
  });
});
