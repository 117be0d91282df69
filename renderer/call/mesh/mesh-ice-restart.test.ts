import { fakePeerFactory } from '../testing/fake-peer';
import { stream, track } from '../testing/fake-media';
import { FLOWING_SAMPLES, QUIET_SAMPLES, STALL_SAMPLE_MS } from '../stall-watch';
import { MeshTransport } from './mesh-transport';

/** A mesh with one peer; `joinedAt` later than the peer's makes this side the initiator. */
function mesh(initiator: boolean) {
  const peers = fakePeerFactory();
  const audio = track('audio');
  let networkChange = () => {};
  const t = new MeshTransport({
    selfId: 'aaaa-0001',
    selfJoinedAt: initiator ? 2000 : 1000,
    iceServers: [],
    local: { audio, video: null, stream: stream([audio]) },
    createPeer: peers.factory,
    watchNetwork: (fn) => {
      networkChange = fn;
      return () => (networkChange = () => {});
    },
  });
  const states: string[] = [];
  t.on('peerState', (_id, s) => states.push(s));
  t.addPeer('bbbb-0002', initiator ? 1000 : 2000);
  return { t, peer: peers.made[0], made: peers.made, states, network: () => networkChange() };
}

/** Lets the link's op queue run (fake timers leave promises alone). */
const flush = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

describe('ICE restart in the mesh', () => {
  it('the initiator restarts ICE on the same peer 2 s after a disconnection; the tile says reconnecting', async () => {
    const m = mesh(true);
    expect(m.peer.opts.initiator).toBe(true);
    m.peer.fire('iceStateChange', 'connected');
    m.peer.fire('iceStateChange', 'disconnected');
    expect(m.states.at(-1)).toBe('reconnecting');
    jest.advanceTimersByTime(2000);
    await flush();
    expect(m.peer.log.slice(-2)).toEqual(['restartIce', 'negotiate']);
    expect(m.made).toHaveLength(1);
    m.peer.fire('iceStateChange', 'connected');
    expect(m.states.at(-1)).toBe('connected');
    m.t.close();
  });

  it('restarts as soon as media stops arriving, before ICE says anything, and tells the room', async () => {
    const m = mesh(true);
    const stalled: string[] = [];
    m.t.on('pathStalled', (id) => stalled.push(id));
    m.peer.fire('iceStateChange', 'connected');
    for (let s = 0; s <= FLOWING_SAMPLES; s++) {
      m.peer.bytesReceived += 5000;
      await jest.advanceTimersByTimeAsync(STALL_SAMPLE_MS);
    }
    expect(m.peer.iceRestarts).toBe(0);
    // Nothing arrives any more; ICE still says 'connected'.
    await jest.advanceTimersByTimeAsync(STALL_SAMPLE_MS * (QUIET_SAMPLES - 1));
    expect(m.peer.iceRestarts).toBe(0);
    await jest.advanceTimersByTimeAsync(STALL_SAMPLE_MS);
    await flush();
    expect([m.peer.iceRestarts, stalled]).toEqual([1, ['bbbb-0002']]);
    // Media back: no more restarts.
    m.peer.bytesReceived += 5000;
    await jest.advanceTimersByTimeAsync(STALL_SAMPLE_MS);
    await jest.advanceTimersByTimeAsync(30_000);
    expect(m.peer.iceRestarts).toBe(1);
    m.t.close();
  });

  it('the answering side never offers (simple-peer cannot): it asks the initiator, on the same schedule', async () => {
    const m = mesh(false);
    const out: unknown[] = [];
    m.t.on('signal', (_to, d) => out.push(d));
    m.t.handleSignal('bbbb-0002', { type: 'offer', sdp: 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n' });
    m.peer.fire('iceStateChange', 'connected');
    m.peer.fire('iceStateChange', 'disconnected');
    jest.advanceTimersByTime(1999);
    expect(out).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(out).toEqual([{ type: 'renegotiate', renegotiate: true }]);
    // A lost request is repeated (simple-peer's own negotiate() would ask once only).
    jest.advanceTimersByTime(3000);
    expect(out).toHaveLength(2);
    await flush();
    expect(m.peer.iceRestarts).toBe(0);
    expect(m.peer.negotiations).toBe(0);
    m.t.close();
  });

  it('the initiator takes a renegotiate request as a restart while its connection is down, and passes it on otherwise', async () => {
    const m = mesh(true);
    m.peer.fire('iceStateChange', 'connected');
    m.t.handleSignal('bbbb-0002', { type: 'renegotiate', renegotiate: true });
    await flush();
    expect(m.peer.iceRestarts).toBe(0);
    expect(m.peer.signals).toEqual([{ type: 'renegotiate', renegotiate: true }]);
    m.peer.fire('iceStateChange', 'disconnected');
    m.t.handleSignal('bbbb-0002', { type: 'renegotiate', renegotiate: true });
    await flush();
    expect(m.peer.iceRestarts).toBe(1);
    expect(m.peer.signals).toHaveLength(1);
    m.t.close();
  });

  it('a network change restarts a disconnected peer at once', async () => {
    const m = mesh(true);
    m.peer.fire('iceStateChange', 'connected');
    m.network();
    await flush();
    expect(m.peer.iceRestarts).toBe(0);
    m.peer.fire('iceStateChange', 'disconnected');
    m.network();
    await flush();
    expect(m.peer.iceRestarts).toBe(1);
    m.t.close();
  });

  it('rolls back an offer left unanswered before offering the restart', async () => {
    const m = mesh(true);
    m.peer.fire('iceStateChange', 'connected');
    m.peer.signalingState = 'have-local-offer';
    m.peer.fire('iceStateChange', 'disconnected');
    jest.advanceTimersByTime(2000);
    await flush();
    expect(m.peer.log.slice(-3)).toEqual(['setLocalDescription:rollback', 'restartIce', 'negotiate']);
    m.t.close();
  });

  it('a restart waits behind a queued track operation (no overlapping negotiations)', async () => {
    const m = mesh(true);
    m.peer.fire('iceStateChange', 'connected');
    let release = () => {};
    m.peer.senders[0].gate = new Promise<void>((r) => (release = r));
    const replaced = m.t.replaceTrack('audio', track('audio'));
    m.peer.fire('iceStateChange', 'disconnected');
    jest.advanceTimersByTime(2000);
    await flush();
    expect(m.peer.iceRestarts).toBe(0);
    release();
    await replaced;
    await flush();
    expect(m.peer.iceRestarts).toBe(1);
    m.t.close();
  });

  it('no restart after the peer is removed or the transport closed', async () => {
    const m = mesh(true);
    m.peer.fire('iceStateChange', 'connected');
    m.peer.fire('iceStateChange', 'disconnected');
    m.t.close();
    m.network();
    jest.advanceTimersByTime(30_000);
    await flush();
    expect(m.peer.iceRestarts).toBe(0);
  });
});
