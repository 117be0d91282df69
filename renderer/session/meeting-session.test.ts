import type { MediaState } from '../../protocol';
import { CallError } from '../call/api';
import { joinAnswer } from '../call/testing/fake-signaling';
import { cleanUpSessions, sessionHarness, until } from './testing/session-harness';

afterEach(cleanUpSessions);

/** Joins fail with IN_WAITING_ROOM until `admitted()` says otherwise. */
function waitingRoom() {
  let admitted = false;
  return {
    admit: () => (admitted = true),
    joinAnswer: () => (req: { media: MediaState }) => {
      if (!admitted) throw new CallError('IN_WAITING_ROOM', 'Waiting for the host to let you in.');
      return joinAnswer('me-000001', [], req.media);
    },
  };
}

async function waiting() {
  const door = waitingRoom();
  const h = sessionHarness({ joinAnswer: () => door.joinAnswer() });
  h.session.start();
  await until(() => h.session.current.serverStatus === 'ready', 'the early connection');
  const joined = h.session.join('Ada');
  await until(() => h.session.current.waiting, 'the waiting room');
  return { h, door, joined };
}

describe('the waiting room in the session', () => {
  it('waits, then joins when a host lets us in', async () => {
    const { h, door, joined } = await waiting();
    expect(h.session.current).toMatchObject({ phase: 'lobby', joining: true, waiting: true });
    door.admit();
    h.made[0]!.sig.serverEmit('lobby:admitted', {});
    await joined;
    expect(h.session.current).toMatchObject({ phase: 'call', waiting: false });
    expect(h.made[0]!.sig.sent('room:join')).toHaveLength(2);
  });

  it('a host turning us away is said in the lobby', async () => {
    const { h, joined } = await waiting();
    h.made[0]!.sig.serverEmit('lobby:denied', {});
    await joined;
    expect(h.session.current).toMatchObject({ phase: 'lobby', joining: false, waiting: false, joinError: 'The host did not let you in.' });
  });

  it('leaving the waiting room goes back to the lobby, ready to join again', async () => {
    const { h, joined } = await waiting();
    h.session.cancelJoin();
    await joined;
    expect(h.session.current).toMatchObject({ phase: 'lobby', joining: false, waiting: false, joinError: null });
    expect(h.views).toHaveLength(0);
  });
});

describe('what a host does to us in the call', () => {
  async function inCall() {
    const h = sessionHarness();
    h.session.start();
    await until(() => h.session.current.serverStatus === 'ready', 'the early connection');
    await h.session.join('Ada');
    expect(h.session.current.phase).toBe('call');
    return h;
  }

  it('removed: the call ends with who did it, and no Rejoin', async () => {
    const h = await inCall();
    h.made[0]!.sig.serverEmit('room:removed', { by: 'Ada' });
    await until(() => h.session.current.phase === 'ended', 'the end');
    expect(h.session.current).toMatchObject({ endReason: 'removed', endedBy: 'Ada' });
    expect(h.made[0]!.init.localMedia.audioTrack).toBeNull(); // media stopped
  });

  it('muted by a host: the microphone goes off and the server hears it from us too', async () => {
    const h = await inCall();
    const room = h.made[0]!.room;
    const notices: string[] = [];
    room.on('notice', (t) => notices.push(t));
    h.made[0]!.sig.serverEmit('host:muted', { kind: 'mic', by: 'Ada' });
    await until(() => !room.localParticipant.media.mic, 'the mute');
    expect(h.made[0]!.sig.sent('media:update')).toContainEqual({ mic: false });
    expect(notices).toEqual(['Ada turned off your microphone. You can turn it back on.']);
  });
});

it('a meeting that asks for a passcode shows the field, and the next join sends what was typed', async () => {
  const h = sessionHarness({ joinAnswer: (n) => (n === 0 ? () => { throw new CallError('PASSCODE_REQUIRED', 'This meeting needs a passcode.'); } : undefined) });
  h.session.start();
  await until(() => h.session.current.serverStatus === 'ready', 'the early connection');
  await h.session.join('Ada');
  expect(h.session.current).toMatchObject({ phase: 'lobby', needsPasscode: true, joinError: 'This meeting needs a passcode.' });
  h.session.setPasscode('blue-42');
  await h.session.join('Ada');
  expect(h.session.current.phase).toBe('call');
  expect(h.made.at(-1)!.sig.credentials).toEqual([{ passcode: 'blue-42' }]);
});

it('a dead link says so in the lobby before Join is clicked', async () => {
  const h = sessionHarness({ sessionError: () => new CallError('MEETING_NOT_FOUND', "This meeting doesn't exist or has ended.") });
  h.session.start();
  await until(() => h.session.current.serverStatus === 'refused', 'the refusal');
  expect(h.session.current.joinError).toMatch(/doesn't exist or has ended/);
  expect(h.session.current.phase).toBe('lobby');
});

it('tells the tray how many wait to join (the desktop app notifies the host)', async () => {
  const h = sessionHarness();
  h.session.start();
  await until(() => h.session.current.serverStatus === 'ready', 'the early connection');
  await h.session.join('Ada');
  h.made[0]!.sig.serverEmit('lobby:waiting', { waiting: [{ id: 'u1', name: 'Bob', at: 1 }] });
  expect(h.desktop.tray.at(-1)).toEqual({ inCall: true, muted: false, sharing: false, recording: false, waiting: 1 });
});
