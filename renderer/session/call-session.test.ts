import { CallError } from '../call/api';
import { joinAnswer } from '../call/testing/fake-signaling';
import { cleanUpSessions, sessionHarness, settle, until } from './testing/session-harness';

afterEach(cleanUpSessions);

/** A session whose lobby is ready and whose early connection is up. */
async function inLobby(opts: Parameters<typeof sessionHarness>[0] = {}) {
  const h = sessionHarness(opts);
  h.session.start();
  await until(() => h.session.current.serverStatus === 'ready', 'the early connection');
  return h;
}

async function inCall(opts: Parameters<typeof sessionHarness>[0] = {}) {
  const h = await inLobby(opts);
  await h.session.join('Ada');
  expect(h.session.current.phase).toBe('call');
  return h;
}

const leaves = (h: ReturnType<typeof sessionHarness>) => h.made.flatMap((m) => m.sig.sent('room:leave'));

describe('CallSession phases', () => {
  it('opens the lobby, connects ahead with the remembered name, and joins on that same Room', async () => {
    const h = sessionHarness();
    const seen: string[] = [];
    h.session.view.subscribe((v) => {
      const now = `${v.phase}/${v.serverStatus}`;
      if (seen.at(-1) !== now) seen.push(now);
    });
    h.session.start();
    expect(h.session.current.phase).toBe('lobby');
    expect(h.session.current.lobby).toBe(h.lobbies[0]);
    expect(h.desktop.listening).toBe(true);
    await until(() => h.session.current.serverStatus === 'ready');
    expect(h.made.map((m) => m.init.displayName)).toEqual(['Ada']);
    expect(seen).toEqual(['lobby/idle', 'lobby/connecting', 'lobby/ready']);

    await h.session.join('Ada');
    const v = h.session.current;
    expect(v).toMatchObject({ phase: 'call', lobby: null, joining: false, joinError: null });
    expect(h.made).toHaveLength(1); // the Room connected ahead is the one that joined
    expect(h.views[0].room).toBe(h.made[0].room);
    expect(v.call).toBe(h.views[0]);
    expect(h.lobbies[0].handedOff).toBe(true);
    expect(h.made[0].room.state).toBe('joined');
    expect(h.desktop.tray.at(-1)).toEqual({ inCall: true, muted: false, sharing: false, waiting: 0, recording: false });
  });

  it('without a remembered name, connects nothing ahead until a name is typed', async () => {
    const h = sessionHarness({ displayName: '' });
    h.session.start();
    await until(() => h.lobbies[0].media !== null);
    await settle(40);
    expect(h.made).toHaveLength(0);
    expect(h.session.current.serverStatus).toBe('idle');
    h.session.nameChanged('Grace');
    await until(() => h.session.current.serverStatus === 'ready');
    expect(h.made.map((m) => m.init.displayName)).toEqual(['Grace']);
  });

  it('shows an unreachable server in the lobby, and Join still tries afresh', async () => {
    const h = sessionHarness({ unreachable: (n) => n === 0 });
    h.session.start();
    await until(() => h.session.current.serverStatus === 'unreachable');
    h.made[0].sig.connectError = null;
    await h.session.join('Ada');
    expect(h.session.current.phase).toBe('call');
  });
});

describe('CallSession name debounce', () => {
  it('connects again only once the typed name stops changing, and drops the Room made for the old name', async () => {
    const h = await inLobby();
    h.session.nameChanged('G');
    h.session.nameChanged('Gr');
    h.session.nameChanged('Grace ');
    expect(h.made).toHaveLength(1); // nothing before the debounce
    await until(() => h.made.length === 2, 'a Room for the settled name');
    await settle(60);
    expect(h.made.map((m) => m.init.displayName)).toEqual(['Ada', 'Grace']);
    expect(h.made[0].sig.connected).toBe(false); // the Ada connection was discarded
    await until(() => h.session.current.serverStatus === 'ready');
  });

  it('does not connect again for the same name', async () => {
    const h = await inLobby();
    h.session.nameChanged('Ada');
    await settle(60);
    expect(h.made).toHaveLength(1);
  });

  it('a join within the debounce uses the typed name and cancels the pending connection', async () => {
    const h = await inLobby();
    h.session.nameChanged('Grace');
    await h.session.join('Grace');
    await settle(60);
    expect(h.made.map((m) => m.init.displayName)).toEqual(['Ada', 'Grace']);
    expect(h.views[0].room).toBe(h.made[1].room);
  });
});

describe('CallSession join failure', () => {
  it('shows the reason in the lobby, keeps the preview running, and a retry joins', async () => {
    const h = await inLobby({
      joinAnswer: (n) => () => {
        if (n === 0) throw new CallError('ROOM_FULL', 'full');
        return joinAnswer('me-000002');
      },
    });
    await h.session.join('Ada');
    expect(h.session.current).toMatchObject({
      phase: 'lobby',
      joining: false,
      joinError: 'This room is full. Try again later or use another room.',
    });
    expect(h.lobbies[0].disposed).toBe(false);
    expect(h.lobbies[0].media?.stream.getTracks().every((t) => t.readyState === 'live')).toBe(true);
    expect(h.views).toHaveLength(0);

    await h.session.join('Ada');
    expect(h.session.current).toMatchObject({ phase: 'call', joinError: null });
    expect(h.views[0].room).toBe(h.made[1].room);
  });

  it('refuses an empty name with a message and changes nothing else', async () => {
    const h = await inLobby();
    await h.session.join('   ');
    expect(h.session.current).toMatchObject({ phase: 'lobby', joining: false, joinError: 'Enter a display name so others know who you are.' });
    expect(h.made).toHaveLength(1);
    expect(h.made[0].sig.sent('room:join')).toEqual([]);
  });

  it('a second Join while one runs does nothing', async () => {
    const h = await inLobby();
    const first = h.session.join('Ada');
    await h.session.join('Ada');
    await first;
    expect(h.made[0].sig.sent('room:join')).toHaveLength(1);
  });
});

describe('CallSession leave and end', () => {
  it('leave tells the server once, stops the media, frees the view and shows the ended screen', async () => {
    const h = await inCall();
    const media = h.lobbies[0].media;
    const releasedBefore = h.released();
    await h.session.leave();
    expect(h.session.current).toMatchObject({ phase: 'ended', endReason: 'left', call: null });
    expect(leaves(h)).toHaveLength(1);
    expect(media?.stream.getTracks()).toEqual([]);
    expect(h.views[0].disposed).toBe(true);
    expect(h.released()).toBe(releasedBefore + 1);
    expect(h.desktop.tray.at(-1)).toEqual({ inCall: false, muted: true, sharing: false, waiting: 0, recording: false });
    await h.session.leave(); // nothing left to leave
    expect(leaves(h)).toHaveLength(1);
  });

  it('the engine giving up ends the call as failed', async () => {
    const h = await inCall();
    h.made[0].sig.serverEmit('disconnected', 'io server disconnect', false);
    expect(h.session.current).toMatchObject({ phase: 'ended', endReason: 'failed' });
    expect(h.views[0].disposed).toBe(true);
  });

  it('the tray mutes, stops the share and leaves', async () => {
    const h = await inCall();
    h.desktop.trayAction('toggle-mute');
    await until(() => h.desktop.tray.at(-1)?.muted === true, 'the tray to show muted');
    expect(h.made[0].room.localParticipant.media.mic).toBe(false);
    h.desktop.trayAction('leave');
    await until(() => h.session.current.phase === 'ended');
    expect(leaves(h)).toHaveLength(1);
  });

  it('the tray says when the meeting is being recorded, and when it stops', async () => {
    const h = await inCall();
    h.made[0].sig.serverEmit('recording:state', { active: true, by: 'Ada', since: 1 });
    await until(() => h.desktop.tray.at(-1)?.recording === true, 'the tray to show recording');
    h.made[0].sig.serverEmit('recording:state', { active: false });
    await until(() => h.desktop.tray.at(-1)?.recording === false, 'the tray to show no recording');
  });

  it('a wake from sleep restarts ICE on the call\'s connections at once', async () => {
    const h = await inCall();
    const transport = h.made[0].transports.last();
    expect(transport?.networkChanges).toBe(0);
    h.desktop.wake();
    expect(transport?.networkChanges).toBe(1);
  });

  it('push-to-talk opens a muted microphone while held and mutes it again on release', async () => {
    const h = await inCall();
    const mic = () => h.made[0].room.localParticipant.media.mic;
    h.desktop.trayAction('toggle-mute');
    await until(() => !mic(), 'muted');
    h.desktop.trayAction('push-to-talk-start');
    expect(h.session.current.pushToTalk).toBe(true);
    await until(() => mic(), 'push-to-talk to unmute');
    h.desktop.trayAction('push-to-talk-end');
    expect(h.session.current.pushToTalk).toBe(false);
    await until(() => !mic(), 'the release to mute again');
  });

  it('push-to-talk leaves an open microphone open after the release', async () => {
    const h = await inCall();
    h.desktop.trayAction('push-to-talk-start');
    expect(h.session.current.pushToTalk).toBe(false);
    h.desktop.trayAction('push-to-talk-end');
    await settle();
    expect(h.made[0].room.localParticipant.media.mic).toBe(true);
  });

  it('dispose during the call leaves it once and stops listening to the desktop', async () => {
    const h = await inCall();
    h.session.dispose();
    await settle();
    expect(leaves(h)).toHaveLength(1);
    expect(h.made[0].room.state).toBe('left');
    expect(h.desktop.listening).toBe(false);
  });

  it('dispose while a join runs leaves the Room once it joined, and never shows the call', async () => {
    const h = await inLobby();
    const joining = h.session.join('Ada');
    h.session.dispose();
    await joining;
    expect(h.made[0].room.state).toBe('left');
    expect(h.views).toHaveLength(0);
    expect(h.lobbies[0].disposed).toBe(true);
  });
});

describe('CallSession rejoin', () => {
  it('from the ended screen opens a new lobby and joins again with the same name', async () => {
    const h = await inCall();
    await h.session.leave();
    h.session.rejoin();
    expect(h.session.current.phase).toBe('lobby');
    expect(h.session.current.lobby).toBe(h.lobbies[1]);
    await until(() => h.session.current.phase === 'call', 'the rejoin');
    expect(h.made).toHaveLength(2);
    expect(h.made[1].init.displayName).toBe('Ada');
    expect(h.views[1].room).toBe(h.made[1].room);
    expect(h.made[1].room.state).toBe('joined');
  });

  it('does nothing outside the ended screen', async () => {
    const h = await inCall();
    h.session.rejoin();
    expect(h.session.current.phase).toBe('call');
    expect(h.lobbies).toHaveLength(1);
  });
});

describe('CallSession room links', () => {
  it('outside a call, a link to another room opens its lobby', async () => {
    const h = await inLobby();
    h.desktop.link('retro');
    expect(h.opened).toEqual(['retro']);
  });

  it('during the call, asks first; Cancel changes nothing', async () => {
    const h = await inCall();
    h.desktop.link('retro');
    expect(h.session.current.switchRequest).toBe('retro');
    expect(h.opened).toEqual([]);
    h.session.cancelSwitch();
    expect(h.session.current).toMatchObject({ phase: 'call', switchRequest: null });
    expect(h.made[0].room.state).toBe('joined');
    expect(leaves(h)).toEqual([]);
    expect(h.opened).toEqual([]);
  });

  it('during the call, Confirm leaves the call and then opens the other room', async () => {
    const h = await inCall();
    h.desktop.link('retro');
    // The other room opens only once this call is left (its page replaces this one).
    const stateWhenOpened: string[] = [];
    const opened = h.opened;
    opened.push = (...rooms: string[]) => {
      stateWhenOpened.push(`${h.made[0].room.state}, room:leave sent ${leaves(h).length}x`);
      return Array.prototype.push.apply(opened, rooms);
    };
    await h.session.confirmSwitch();
    expect(stateWhenOpened).toEqual(['left, room:leave sent 1x']);
    expect(leaves(h)).toHaveLength(1);
    expect([...opened]).toEqual(['retro']);
    expect(h.session.current).toMatchObject({ phase: 'ended', switchRequest: null });
  });

  it('a link with an invalid room name is reported and changes nothing', async () => {
    const h = await inCall();
    h.desktop.link('../etc');
    expect(h.notices).toHaveLength(1);
    expect(h.notices[0]).toMatch(/^That link can't be opened/);
    expect(h.session.current).toMatchObject({ phase: 'call', switchRequest: null });
    expect(h.opened).toEqual([]);
  });

  it('a link to the room of the running call changes nothing', async () => {
    const h = await inCall();
    h.desktop.link('standup');
    expect(h.session.current).toMatchObject({ phase: 'call', switchRequest: null });
    expect(h.opened).toEqual([]);
  });

  it('a link to this room after its call ended opens its lobby again', async () => {
    const h = await inCall();
    await h.session.leave();
    h.desktop.link('standup');
    expect(h.session.current.phase).toBe('lobby');
    expect(h.opened).toEqual([]);
  });

  it('a pending question is dropped when the call ends by itself', async () => {
    const h = await inCall();
    h.desktop.link('retro');
    h.made[0].sig.serverEmit('disconnected', 'io server disconnect', false);
    expect(h.session.current).toMatchObject({ phase: 'ended', switchRequest: null });
    await h.session.confirmSwitch();
    expect(h.opened).toEqual([]);
  });
});
