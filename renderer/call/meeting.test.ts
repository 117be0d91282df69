import type { MeetingView } from './api';
import { CallError } from './api';
import { Meeting } from './meeting';
import { FakeSignaling, joinAnswer } from './testing/fake-signaling';

function setup(recordingPermitted?: boolean) {
  const signaling = new FakeSignaling();
  const views: MeetingView[] = [];
  const notices: string[] = [];
  const meeting = new Meeting(signaling, { changed: (v) => views.push(v), notice: (t) => notices.push(t), mutedBy: () => undefined, ended: () => undefined, recordingPermitted });
  return { signaling, meeting, views, notices };
}

describe('Meeting: recording', () => {
  it('hears the recording state from the connection on, before any join, and says when it starts and stops', () => {
    const { signaling, meeting, notices } = setup();
    expect(meeting.current.recording).toEqual({ active: false });
    signaling.serverEmit('recording:state', { active: true, by: 'Ada', since: 1 });
    expect(meeting.current.recording).toMatchObject({ active: true, by: 'Ada' });
    signaling.serverEmit('recording:state', { active: true, by: 'Ada', since: 1 });
    signaling.serverEmit('recording:state', { active: false });
    expect(meeting.current.recording.active).toBe(false);
    expect(notices).toEqual(['Ada started recording this meeting.', 'Recording stopped.']);
  });

  it('takes state and permission from the join answer (a server without recording: neither)', () => {
    const { meeting } = setup();
    meeting.fromJoin({ ...joinAnswer('me'), recording: { active: true, by: 'Ada', since: 5 }, recordingAllowed: true });
    expect(meeting.current).toMatchObject({ recording: { active: true, by: 'Ada' }, recordingAllowed: true });
    meeting.fromJoin(joinAnswer('me'));
    expect(meeting.current).toMatchObject({ recording: { active: false }, recordingAllowed: false });
  });

  it('never offers Record where the desktop policy forbids it, but still shows a recording by someone else', () => {
    const { meeting } = setup(false);
    meeting.fromJoin({ ...joinAnswer('me'), recording: { active: true, by: 'Ada', since: 5 }, recordingAllowed: true });
    expect(meeting.current).toMatchObject({ recording: { active: true, by: 'Ada' }, recordingAllowed: false });
  });

  it('starts and stops through the server, and keeps the state when the server refuses', async () => {
    const { signaling, meeting } = setup();
    signaling.handle('recording:start', () => ({ active: true, by: 'Me', since: 2 }));
    await meeting.startRecording();
    expect(meeting.current.recording.active).toBe(true);
    signaling.handle('recording:stop', () => {
      throw new CallError('FORBIDDEN', 'only a host or co-host can do that');
    });
    await expect(meeting.stopRecording()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(meeting.current.recording.active).toBe(true);
    expect(signaling.sent('recording:start')).toEqual([{}]);
  });
});
