import type { PeerConnectionState } from '../api';
import { fakePeerFactory } from '../testing/fake-peer';
import { stream, track } from '../testing/fake-media';
import { MeshTransport } from './mesh-transport';

function mesh(selfId: string, extra: { iceTransportPolicy?: RTCIceTransportPolicy; connectTimeoutMs?: number } = {}) {
  const peers = fakePeerFactory();
  const audio = track('audio');
  const t = new MeshTransport({
    selfId,
    iceServers: [{ urls: ['turn:10.80.0.1:3478'], username: 'old', credential: 'x' }],
    local: { audio, video: null, stream: stream([audio]) },
    createPeer: peers.factory,
    restartDelayMs: 1000,
    ...extra,
  });
  const states: PeerConnectionState[] = [];
  t.on('peerState', (_id, s) => states.push(s));
  return { t, peers, states };
}

const iceFailure = Object.assign(new Error('Ice connection failed.'), { code: 'ERR_ICE_CONNECTION_FAILURE' });

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

describe('connect deadline (no network path must not spin forever)', () => {
  it('marks a peer that never connects failed at the deadline, even with restarts left', () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const a = mesh('aaaa-0001', { connectTimeoutMs: 20_000 });
    a.t.addPeer('bbbb-0002');
    // Each attempt fails slowly (as ICE does without a path): one restart happens before the deadline.
    jest.advanceTimersByTime(15_000);
    a.peers.made[0].fire('error', iceFailure);
    a.peers.made[0].fire('close');
    jest.advanceTimersByTime(1000);
    expect(a.peers.made).toHaveLength(2);
    expect(a.states.at(-1)).toBe('connecting');
    jest.advanceTimersByTime(3999);
    expect(a.states.at(-1)).toBe('connecting');
    jest.advanceTimersByTime(1);
    expect(a.states.at(-1)).toBe('failed');
    expect(a.peers.made[1].destroyed).toBe(true);
    // Nothing more is tried: no new peer, no later state.
    jest.advanceTimersByTime(60_000);
    expect(a.peers.made).toHaveLength(2);
    expect(a.states.at(-1)).toBe('failed');
    warn.mockRestore();
  });

  it('a connection clears the deadline; a later loss starts a new one', () => {
    const a = mesh('aaaa-0001', { connectTimeoutMs: 10_000 });
    a.t.addPeer('bbbb-0002');
    jest.advanceTimersByTime(9000);
    a.peers.made[0].fire('connect');
    jest.advanceTimersByTime(30_000);
    expect(a.states.at(-1)).toBe('connected');
    a.peers.made[0].fire('close');
    expect(a.states.at(-1)).toBe('reconnecting');
    jest.advanceTimersByTime(10_000);
    expect(a.states.at(-1)).toBe('failed');
    a.t.close();
  });

  it('defaults to a deadline under 30 s', () => {
    const b = mesh('bbbb-0002');
    b.t.addPeer('aaaa-0001');
    jest.advanceTimersByTime(29_000);
    expect(b.states.at(-1)).toBe('failed');
  });
});

describe('ICE configuration', () => {
  it('passes the relay-only policy to every peer, and leaves it out by default', () => {
    const relay = mesh('aaaa-0001', { iceTransportPolicy: 'relay' });
    relay.t.addPeer('bbbb-0002');
    expect(relay.peers.made[0].opts.config.iceTransportPolicy).toBe('relay');
    const all = mesh('aaaa-0001');
    all.t.addPeer('bbbb-0002');
    expect(all.peers.made[0].opts.config).not.toHaveProperty('iceTransportPolicy');
    relay.t.close();
    all.t.close();
  });

  it('applies new ICE servers to live connections (setConfiguration) and to new peers', () => {
    const a = mesh('aaaa-0001');
    a.t.addPeer('bbbb-0002');
    const pc = a.peers.made[0]._pc as unknown as Record<string, unknown>;
    let applied: RTCConfiguration | null = null;
    pc.getConfiguration = () => ({ bundlePolicy: 'max-bundle', iceServers: [] });
    pc.setConfiguration = (c: RTCConfiguration) => (applied = c);
    const fresh = [{ urls: ['turn:10.80.0.1:3478'], username: 'new', credential: 'y' }];
    a.t.setIceServers(fresh);
    expect(applied).toEqual({ bundlePolicy: 'max-bundle', iceServers: fresh });
    a.t.addPeer('cccc-0003');
    expect(a.peers.made[1].opts.config.iceServers).toEqual(fresh);
    a.t.close();
  });
});
