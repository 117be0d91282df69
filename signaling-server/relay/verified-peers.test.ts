import type { ConferSocket } from '../events/types';
import { VERIFIED_FOR_MS, VerifiedPeers } from './verified-peers';

/** A socket that only records its outgoing listeners; `send` plays an outgoing event. */
function fakeSocket() {
  const listeners: ((event: string, ...args: unknown[]) => void)[] = [];
  const socket = { onAnyOutgoing: (fn: (event: string, ...args: unknown[]) => void) => listeners.push(fn) } as unknown as ConferSocket;
  return { socket, listeners, send: (event: string, ...args: unknown[]) => listeners.forEach((fn) => fn(event, ...args)) };
}

describe('VerifiedPeers', () => {
  let t = 0;
  const now = () => t;
  beforeEach(() => (t = 1000));

  it('knows a confirmed peer for VERIFIED_FOR_MS, then asks again', () => {
    const { socket } = fakeSocket();
    const v = new VerifiedPeers(socket, now);
    expect(v.has('me', 'bob')).toBe(false);
    v.confirm('me', 'bob', v.mark());
    expect(v.has('me', 'bob')).toBe(true);
    t += VERIFIED_FOR_MS - 1;
    expect(v.has('me', 'bob')).toBe(true);
    t += 1;
    expect(v.has('me', 'bob')).toBe(false);
  });

  it('forgets a peer when this socket is told it left, and only that peer', () => {
    const { socket, send } = fakeSocket();
    const v = new VerifiedPeers(socket, now);
    v.confirm('me', 'bob', v.mark());
    v.confirm('me', 'cy', v.mark());
    send('peer:signal', { from: 'bob', signal: {} });
    send('room:participant-left', { id: 'bob', reason: 'left' });
    expect(v.has('me', 'bob')).toBe(false);
    expect(v.has('me', 'cy')).toBe(true);
  });

  it('keeps no store answer that a departure overtook', () => {
    const { socket, send } = fakeSocket();
    const v = new VerifiedPeers(socket, now);
    const mark = v.mark();
    send('room:participant-left', { id: 'bob', reason: 'left' });
    v.confirm('me', 'bob', mark);
    expect(v.has('me', 'bob')).toBe(false);
  });

  it('belongs to one participant: a new participant id on the socket starts empty', () => {
    const { socket } = fakeSocket();
    const v = new VerifiedPeers(socket, now);
    v.confirm('me', 'bob', v.mark());
    expect(v.has('me-again', 'bob')).toBe(false);
    v.confirm('me-again', 'cy', v.mark());
    expect(v.has('me', 'bob')).toBe(false);
    expect(v.has('me-again', 'bob')).toBe(false);
  });

  it('watches the socket only once it signals', () => {
    const { socket, listeners } = fakeSocket();
    const v = new VerifiedPeers(socket, now);
    expect(listeners).toHaveLength(0);
    v.mark();
    v.mark();
    expect(listeners).toHaveLength(1);
  });
});
