/** Screen share through the Room: picker outcomes, media state, the transport hook, remote shares. */
import type { CallError } from '../api';
import { stream, track, type FakeTrack } from '../testing/fake-media';
import { participant } from '../testing/fake-signaling';
import { leaveTestRooms, testRoom } from '../testing/test-room';
import type { CaptureDeps } from './capture';

afterEach(leaveTestRooms);

const domError = (name: string, message = name) => Object.assign(new Error(message), { name });

/** getDisplayMedia that answers from a script: a stream per call, or an error to throw. */
function fakeCapture(answers: (MediaStream | Error)[]) {
  const calls: DisplayMediaStreamOptions[] = [];
  const deps: CaptureDeps = {
    async getDisplayMedia(c) {
      calls.push(c);
      const next = answers.shift();
      if (!next) throw new Error('no scripted answer');
      if (next instanceof Error) throw next;
      return next;
    },
  };
  return { deps, calls };
}

const screen = () => stream([track('video')]);

async function setup(answers: (MediaStream | Error)[], opts: { video?: boolean; others?: ReturnType<typeof participant>[]; noCapture?: boolean } = {}) {
  const capture = fakeCapture(answers);
  const { room, sig, transports } = await testRoom({ others: opts.others, video: opts.video, room: { captureDeps: opts.noCapture ? null : capture.deps } });
  return { room, sig, transports, capture };
}

describe('Room.startShare / stopShare', () => {
  it('shares the picked source: transport, local view and media state; stop undoes all three', async () => {
    const s = screen();
    const { room, sig, transports, capture } = await setup([s]);
    await room.join();
    const t = transports.last();
    await expect(room.startShare()).resolves.toBe(true);
    expect(capture.calls).toHaveLength(1);
    expect(capture.calls[0].audio).toBe(true); // the picker may offer system audio
    expect(t.shares).toEqual([s]);
    expect(room.localParticipant.share).toBe(s);
    expect(room.localParticipant.media.screen).toBe(true);
    expect(sig.sent('media:update')).toEqual([{ screen: true }]);
    await room.stopShare();
    expect(t.shares).toEqual([s, null]);
    expect(room.localParticipant.share).toBeNull();
    expect(room.localParticipant.media.screen).toBe(false);
    expect(sig.sent('media:update')).toEqual([{ screen: true }, { screen: false }]);
    expect((s.getVideoTracks()[0] as unknown as FakeTrack).readyState).toBe('ended');
  });

  it('a cancelled picker changes nothing and is no error', async () => {
    const { room, sig, transports } = await setup([domError('NotAllowedError', 'Permission denied')]);
    await room.join();
    const errors: CallError[] = [];
    room.on('error', (e) => errors.push(e));
    await expect(room.startShare()).resolves.toBe(false);
    expect(transports.last().shares).toEqual([]);
    expect(room.localParticipant.media.screen).toBe(false);
    expect(sig.sent('media:update')).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('a refusal by the system is a clear MEDIA_DENIED error and changes nothing', async () => {
    const { room, transports } = await setup([domError('NotAllowedError', 'Permission denied by system')]);
    await room.join();
    await expect(room.startShare()).rejects.toMatchObject({ code: 'MEDIA_DENIED', message: expect.stringMatching(/system settings/) });
    expect(transports.last().shares).toEqual([]);
    expect(room.localParticipant.share).toBeNull();
  });

  it('refuses to share before joining, and without getDisplayMedia', async () => {
    const { room } = await setup([screen()]);
    await expect(room.startShare()).rejects.toMatchObject({ code: 'SHARE_FAILED' });
    const noApi = await setup([], { noCapture: true });
    await noApi.room.join();
    await expect(noApi.room.startShare()).rejects.toMatchObject({ code: 'SHARE_FAILED', message: expect.stringMatching(/not available/) });
    expect(noApi.room.localParticipant.media.screen).toBe(false);
  });

  it('the shared window closing (video track ended) stops the share everywhere', async () => {
    const s = screen();
    const { room, sig, transports } = await setup([s]);
    await room.join();
    await room.startShare();
    (s.getVideoTracks()[0] as unknown as FakeTrack).end();
    await new Promise((r) => setImmediate(r));
    expect(transports.last().shares).toEqual([s, null]);
    expect(room.localParticipant.media.screen).toBe(false);
    expect(sig.sent('media:update')).toEqual([{ screen: true }, { screen: false }]);
  });

  it('picking again replaces the running share; a second click while the picker is open opens no second picker', async () => {
    const first = screen();
    const second = screen();
    const { room, transports, capture } = await setup([first, second]);
    await room.join();
    await Promise.all([room.startShare(), room.startShare()]);
    expect(capture.calls).toHaveLength(1);
    await room.startShare();
    expect(transports.last().shares).toEqual([first, second]);
    expect((first.getVideoTracks()[0] as unknown as FakeTrack).readyState).toBe('ended');
    // The old share's track ending later does not stop the new one.
    (first.getVideoTracks()[0] as unknown as FakeTrack).end();
    expect(room.localParticipant.share).toBe(second);
  });

  it('shares with the camera off, and leaves the camera state alone', async () => {
    const s = screen();
    const { room, transports } = await setup([s], { video: false });
    await room.join();
    await room.startShare();
    expect(room.localParticipant.media).toMatchObject({ camera: false, screen: true });
    expect(transports.last().shares).toEqual([s]);
    expect(transports.last().replaced).toEqual([]);
  });

  it('leaving stops the share', async () => {
    const s = screen();
    const { room } = await setup([s]);
    await room.join();
    await room.startShare();
    await room.leave();
    expect((s.getVideoTracks()[0] as unknown as FakeTrack).readyState).toBe('ended');
  });
});

describe('remote shares', () => {
  it('a remote share appears on the participant beside its camera stream, and goes with null', async () => {
    const { room, transports } = await setup([], { others: [participant('bob-000002', 'Bob')] });
    await room.join();
    const t = transports.last();
    const cam = stream([track('video')]);
    const share = screen();
    t.fakeStream('bob-000002', cam);
    t.fakeShare('bob-000002', share);
    expect(room.participants[0]).toMatchObject({ stream: cam, share });
    t.fakeShare('bob-000002', null);
    expect(room.participants[0]).toMatchObject({ stream: cam, share: null });
  });
});
