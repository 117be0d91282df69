import { CallError, type RoomState } from './api';
import { stream } from './testing/fake-media';
import { joinAnswer, participant } from './testing/fake-signaling';
import { leaveTestRooms, testRoom } from './testing/test-room';

const flush = () => new Promise((r) => setImmediate(r));

afterEach(leaveTestRooms);

async function setup(opts: { others?: ReturnType<typeof participant>[]; video?: boolean; forceRelay?: boolean } = {}) {
  const made = await testRoom({ others: opts.others, video: opts.video, room: { forceRelay: opts.forceRelay } });
  // This file's media state answers say the camera is on whatever was granted.
  made.sig.handle('media:update', (patch) => ({ mic: true, camera: true, screen: false, hand: false, ...patch }));
  const states: RoomState[] = [];
  made.room.on('stateChanged', (s) => states.push(s));
  return { ...made, states };
}

describe('Room.join', () => {
  it('connects with the session token, joins with the media state and adds existing participants', async () => {
    const others = [participant('bob-000002', 'Bob', 2), participant('amy-000001', 'Amy', 1)];
    const { room, sig, transports, states } = await setup({ others });
    const joined: string[] = [];
    room.on('participantJoined', (p) => joined.push(p.id));
    await room.join();
    expect(states).toEqual(['connecting', 'joined']);
    expect(sig.tokens).toEqual(['token-1']);
    expect(sig.sent('room:join')).toEqual([{ media: { mic: true, camera: true, screen: false, hand: false } }]);
    // join order, not roster order
    expect(room.participants.map((p) => p.name)).toEqual(['Amy', 'Bob']);
    expect(joined).toEqual(['amy-000001', 'bob-000002']);
    const t = transports.last();
    expect(t.added).toEqual(['amy-000001', 'bob-000002']);
    expect(t.ctx.selfId).toBe('me-000001');
    expect(t.ctx.iceServers).toEqual([{ urls: ['stun:10.77.0.1:3478'] }]);
    expect(t.ctx.local.audio).not.toBeNull();
    expect(t.ctx.local.video).not.toBeNull();
    expect(room.localParticipant).toMatchObject({ id: 'me-000001', isLocal: true, connection: 'connected' });
    expect(room.inviteLink).toBe('https://call.example.test/room/standup');
  });

  it('a refused join gives state failed, an error event and a CallError with the server code', async () => {
    const { room, sig, states } = await setup();
    sig.handle('room:join', () => {
      throw new CallError('ROOM_FULL', 'This room is full.');
    });
    const errors: CallError[] = [];
    room.on('error', (e) => errors.push(e));
    await expect(room.join()).rejects.toMatchObject({ code: 'ROOM_FULL', message: 'This room is full.' });
    expect(states).toEqual(['connecting', 'failed']);
    expect(errors.map((e) => e.code)).toEqual(['ROOM_FULL']);
    expect(sig.connected).toBe(false);
  });

  it('a refused connection (bad token) fails with the refusal code', async () => {
    const { room, sig } = await setup();
    sig.connectError = new CallError('UNAUTHORIZED', 'bad token');
    await expect(room.join()).rejects.toBeInstanceOf(CallError);
    expect(room.state).toBe('failed');
    await expect(room.join()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });
});

describe('Room events while joined', () => {
  it('participant-joined / -left update the list and the transport', async () => {
    const { room, sig, transports } = await setup();
    await room.join();
    const left: string[] = [];
    room.on('participantLeft', (id) => left.push(id));
    sig.serverEmit('room:participant-joined', participant('zed-000009', 'Zed'));
    sig.serverEmit('room:participant-joined', participant('zed-000009', 'Zed')); // duplicate is ignored
    expect(room.participants.map((p) => p.id)).toEqual(['zed-000009']);
    expect(transports.last().added).toEqual(['zed-000009']);
    sig.serverEmit('room:participant-left', { id: 'zed-000009', reason: 'left' });
    expect(room.participants).toEqual([]);
    expect(transports.last().removed).toEqual(['zed-000009']);
    expect(left).toEqual(['zed-000009']);
  });

  it('room:topology moves the transport and tells the UI once per change', async () => {
    const { room, sig, transports } = await setup({ others: [participant('bob-000002', 'Bob')] });
    await room.join();
    const seen: string[] = [];
    room.on('topologyChanged', (t) => seen.push(t));
    sig.serverEmit('room:topology', { mode: 'sfu' });
    sig.serverEmit('room:topology', { mode: 'sfu' });
    expect(transports.last().switches).toEqual(['sfu', 'sfu']);
    expect(seen).toEqual(['sfu']);
    expect(room.topology).toBe('sfu');
  });

  it('a tile size reaches the transport', async () => {
    const { room, transports } = await setup({ others: [participant('bob-000002', 'Bob')] });
    await room.join();
    room.setTileSize('bob-000002', 320, 180);
    expect(transports.last().tileSizes).toEqual([{ peerId: 'bob-000002', width: 320, height: 180 }]);
  });

  it('media:updated updates the view and emits participantUpdated', async () => {
    const { room, sig } = await setup({ others: [participant('bob-000002', 'Bob')] });
    await room.join();
    const updates: boolean[] = [];
    room.on('participantUpdated', (p) => p.id === 'bob-000002' && updates.push(p.media.mic));
    sig.serverEmit('media:updated', { id: 'bob-000002', media: { mic: false, camera: true, screen: false, hand: true } });
    expect(room.participants[0].media).toEqual({ mic: false, camera: true, screen: false, hand: true });
    expect(updates).toEqual([false]);
  });

  it('routes peer signals both ways and shows streams and connection states', async () => {
    const { room, sig, transports } = await setup({ others: [participant('bob-000002', 'Bob')] });
    await room.join();
    const t = transports.last();
    sig.serverEmit('peer:signal', { from: 'bob-000002', signal: { type: 'offer', sdp: 'v=0' } });
    expect(t.signals).toEqual([{ from: 'bob-000002', data: { type: 'offer', sdp: 'v=0' } }]);
    t.fakeSignal('bob-000002', { type: 'answer', sdp: 'v=0' });
    expect(sig.sent('peer:signal')).toEqual([{ to: 'bob-000002', signal: { type: 'answer', sdp: 'v=0' } }]);
    const s = stream();
    t.fakeStream('bob-000002', s);
    t.fakeState('bob-000002', 'connected');
    expect(room.participants[0]).toMatchObject({ stream: s, connection: 'connected' });
  });

  it('a lost or stalled media path checks the signaling connection, one check at a time', async () => {
    const { room, sig, transports } = await setup({ others: [participant('bob-000002', 'Bob')] });
    await room.join();
    const t = transports.last();
    t.fakeState('bob-000002', 'connected');
    expect(sig.aliveChecks).toBe(0);
    t.emit('pathStalled', 'bob-000002');
    // ICE then says 'disconnected' while the first check runs: no second one.
    t.fakeState('bob-000002', 'reconnecting');
    expect(sig.aliveChecks).toBe(1);
    await flush();
    t.fakeState('bob-000002', 'reconnecting');
    expect(sig.aliveChecks).toBe(2);
  });

  it('chat: history from join, incoming messages, own message not doubled', async () => {
    const { room, sig } = await setup();
    const msg = { id: 'm1', from: 'me-000001', name: 'Ada', text: 'hi', at: 1 };
    sig.handle('chat:send', () => msg);
    await room.join();
    const seen: string[] = [];
    room.on('chatMessage', (m) => seen.push(m.id));
    await room.sendChat('hi');
    sig.serverEmit('chat:message', msg); // the broadcast of our own message
    sig.serverEmit('chat:message', { ...msg, id: 'm2', from: 'bob', text: 'yo' });
    expect(sig.sent('chat:send')).toEqual([{ text: 'hi' }]);
    expect(seen).toEqual(['m1', 'm2']);
    expect(room.chat.map((m) => m.text)).toEqual(['hi', 'yo']);
  });

  it('reactions: sent as a request, shown only when the server relays them (ours included)', async () => {
    const { room, sig } = await setup();
    sig.handle('reaction:send', () => null);
    await room.join();
    const seen: string[] = [];
    room.on('reaction', (r) => seen.push(`${r.from} ${r.emoji}`));
    await room.sendReaction('👍');
    expect(sig.sent('reaction:send')).toEqual([{ emoji: '👍' }]);
    expect(seen).toEqual([]);
    sig.serverEmit('reaction:sent', { from: 'me-000001', emoji: '👍' });
    sig.serverEmit('reaction:sent', { from: 'bob', emoji: '🎉' });
    expect(seen).toEqual(['me-000001 👍', 'bob 🎉']);
  });

  it('camera off stops the track, sends no video and tells the others; on re-acquires', async () => {
    const { room, sig, transports, media } = await setup();
    await room.join();
    const t = transports.last();
    const cam = media.videoTrack!;
    await room.setCameraEnabled(false);
    expect((cam as unknown as { readyState: string }).readyState).toBe('ended');
    expect(t.replaced).toEqual([{ kind: 'video', track: null }]);
    expect(sig.sent('media:update')).toEqual([{ camera: false }]);
    expect(room.localParticipant.media.camera).toBe(false);
    await room.setCameraEnabled(true);
    expect(t.replaced[1].track).toBe(media.videoTrack);
    expect(sig.sent('media:update')).toEqual([{ camera: false }, { camera: true }]);
  });

  it('mute keeps the sender (track disabled), hand raise is sent', async () => {
    const { room, sig, transports, media } = await setup();
    await room.join();
    await room.setMicEnabled(false);
    await room.setHandRaised(true);
    expect(media.audioTrack!.enabled).toBe(false);
    expect(transports.last().replaced).toEqual([]);
    expect(sig.sent('media:update')).toEqual([{ mic: false }, { hand: true }]);
  });

  it('switchDevice replaces the track on the transport', async () => {
    const { room, transports, media } = await setup();
    await room.join();
    await room.switchDevice('videoinput', 'cam-2');
    expect(transports.last().replaced).toEqual([{ kind: 'video', track: media.videoTrack }]);
    expect(media.deviceId('videoinput')).toBe('cam-2');
  });
});

describe('Room.leave and reconnection', () => {
  it('leave sends room:leave, closes the transport, stops local tracks', async () => {
    const { room, sig, transports, media, states } = await setup({ others: [participant('bob-000002')] });
    await room.join();
    const mic = media.audioTrack!;
    await room.leave();
    expect(sig.sent('room:leave')).toEqual([{}]);
    expect(transports.last().closed).toBe(true);
    expect(sig.connected).toBe(false);
    expect((mic as unknown as { readyState: string }).readyState).toBe('ended');
    expect(states).toEqual(['connecting', 'joined', 'left']);
    // Events after leaving change nothing.
    sig.serverEmit('room:participant-joined', participant('late-000003'));
    expect(room.participants).toEqual([]);
  });

  it('after a reconnection it re-joins and rebuilds the peers with a fresh transport', async () => {
    const { room, sig, transports, states } = await setup({ others: [participant('bob-000002')] });
    await room.join();
    sig.serverEmit('disconnected', 'transport close', true);
    expect(room.state).toBe('reconnecting');
    sig.handle('room:join', (req) => joinAnswer('me-000042', [participant('bob-000002')], req.media));
    sig.serverEmit('reconnected');
    await flush();
    expect(states).toEqual(['connecting', 'joined', 'reconnecting', 'joined']);
    expect(transports.made).toHaveLength(2);
    expect(transports.made[0].closed).toBe(true);
    expect(transports.last().ctx.selfId).toBe('me-000042');
    expect(transports.last().added).toEqual(['bob-000002']);
    expect(room.localParticipant.id).toBe('me-000042');
  });

  it('after a reconnection it resumes with its token: same id, same transport and peers, roster reconciled', async () => {
    const { room, sig, transports, states } = await setup({ others: [participant('bob-000002'), participant('cy-0000003')] });
    const token = { token: 'a.b.c', expiresAt: Date.now() + 600_000 };
    sig.handle('room:join', (req) => ({ ...joinAnswer('me-000001', [participant('bob-000002'), participant('cy-0000003')], req.media), resume: token }));
    await room.join();
    const left: string[] = [];
    room.on('participantLeft', (id) => left.push(id));
    sig.serverEmit('disconnected', 'transport close', true);
    await room.setHandRaised(true); // not sent while disconnected: sent after the resume
    sig.handle('room:resume', () => ({ ...joinAnswer('me-000001', [participant('bob-000002'), participant('dee-000004')]), resume: token }));
    sig.serverEmit('reconnected');
    await flush();
    expect(sig.sent('room:resume')).toEqual([{ token: 'a.b.c' }]);
    expect(sig.sent('room:join')).toHaveLength(1);
    expect(states).toEqual(['connecting', 'joined', 'reconnecting', 'joined']);
    expect(transports.made).toHaveLength(1);
    expect(transports.last().closed).toBe(false);
    expect(transports.last().added).toEqual(['bob-000002', 'cy-0000003', 'dee-000004']);
    expect(left).toEqual(['cy-0000003']);
    expect(room.participants.map((p) => p.id)).toEqual(['bob-000002', 'dee-000004']);
    expect(room.localParticipant.id).toBe('me-000001');
    expect(sig.sent('media:update')).toEqual([{ hand: true }]);
    // Signaling came back, maybe over a new address: peers that lost their path retry now.
    expect(transports.last().networkChanges).toBe(1);
  });

  it('a refused resume falls back to a fresh join', async () => {
    const { room, sig, transports } = await setup({ others: [participant('bob-000002')] });
    sig.handle('room:join', (req) => ({ ...joinAnswer('me-000001', [participant('bob-000002')], req.media), resume: { token: 'a.b.c', expiresAt: Date.now() + 600_000 } }));
    await room.join();
    sig.serverEmit('disconnected', 'transport close', true);
    sig.handle('room:resume', () => {
      throw new CallError('RESUME_REFUSED', 'gone');
    });
    sig.handle('room:join', (req) => joinAnswer('me-000042', [participant('bob-000002')], req.media));
    sig.serverEmit('reconnected');
    await flush();
    await flush();
    expect(room.state).toBe('joined');
    expect(room.localParticipant.id).toBe('me-000042');
    expect(transports.made).toHaveLength(2);
  });

  it('an expired token during reconnection is renewed and retried', async () => {
    const { room, sig } = await setup();
    await room.join();
    sig.serverEmit('disconnected', 'transport close', true);
    sig.serverEmit('connectError', new CallError('TOKEN_EXPIRED', 'expired'));
    await flush();
    expect(sig.tokens).toEqual(['token-1', 'token-2']);
    expect(sig.reconnects).toBe(1);
    expect(room.state).toBe('reconnecting');
  });
});

describe('Room.prepare', () => {
  it('connects ahead of join, and join then sends only room:join on that connection', async () => {
    const { room, sig, states } = await setup();
    room.prepare();
    await flush();
    expect(sig.connected).toBe(true);
    expect(sig.tokens).toEqual(['token-1']);
    expect(sig.sent('room:join')).toEqual([]);
    expect(states).toEqual([]); // still in the lobby
    await room.join();
    expect(sig.tokens).toEqual(['token-1']); // no second session
    expect(sig.sent('room:join')).toHaveLength(1);
    expect(room.state).toBe('joined');
  });

  it('join retries afresh when the prepared connection failed', async () => {
    const { room, sig } = await setup();
    sig.connectError = new CallError('SIGNALING_UNREACHABLE', 'down');
    room.prepare();
    await flush();
    expect(sig.connected).toBe(false);
    sig.connectError = null;
    await room.join();
    expect(sig.tokens).toEqual(['token-1', 'token-2']);
    expect(room.state).toBe('joined');
  });

  it('join sends the mic state as it is at join time, not when the room was made', async () => {
    const { room, sig, media } = await setup();
    room.prepare();
    media.audioTrack!.enabled = false;
    await room.join();
    expect(sig.sent('room:join')[0]).toEqual({ media: { mic: false, camera: true, screen: false, hand: false } });
  });

  it('discard drops a prepared connection without joining', async () => {
    const { room, sig } = await setup();
    room.prepare();
    await flush();
    room.discard();
    expect(sig.connected).toBe(false);
    expect(sig.sent('room:join')).toEqual([]);
  });
});

describe('Room relay policy', () => {
  it('the server decides the ICE transport policy unless the app forces relay', async () => {
    const open = await setup();
    await open.room.join();
    expect(open.transports.last().ctx.iceTransportPolicy).not.toBe('relay');
    const forced = await setup({ forceRelay: true });
    await forced.room.join();
    expect(forced.transports.last().ctx.iceTransportPolicy).toBe('relay');
  });

  it('adapts by default; the bench baseline turns adaptation off for the transports too', async () => {
    const on = await setup();
    await on.room.join();
    expect(on.transports.last().ctx.adaptation).toBe(true);
    const off = await testRoom({ room: { adaptation: false } });
    await off.room.join();
    expect(off.transports.last().ctx.adaptation).toBe(false);
  });
});
