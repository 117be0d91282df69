/**
 * The meeting around a call, on the client: settings, the waiting list (hosts), what a host did to
 * us, and the host's actions. The server checks every action; this only sends and mirrors.
 */
import type { JoinResponse, MeetingSettings, RecordingState, RecordingSummary, Role, WaitingEntry } from '../../protocol';
import type { MeetingView } from './api';
import type { SignalingEvents, SignalingPort } from './signaling-client';
import { text } from '../i18n/text';

export interface MeetingHooks {
  changed(view: MeetingView): void;
  notice(text: string): void;
  /** A host turned our microphone or camera off. */
  mutedBy(kind: 'mic' | 'camera', by: string): void;
  /** A host removed us or ended the meeting. */
  ended(reason: 'removed' | 'ended', by: string): void;
  /** False: this app never offers Record (the desktop policy), whatever the server allows. */
  recordingPermitted?: boolean;
}

/** A meeting before the join answer says anything: no waiting room, not locked, nobody waiting. */
export const emptyMeetingView = (): MeetingView => ({
  settings: { waitingRoom: false, locked: false, passcode: false },
  waiting: [],
  ended: null,
  recording: { active: false },
  recordingAllowed: false,
});

export class Meeting {
  private view: MeetingView = emptyMeetingView();

  constructor(
    private readonly signaling: SignalingPort,
    private readonly hooks: MeetingHooks,
  ) {
    // From the connection on, before any join: the lobby says when the meeting is being recorded.
    signaling.on('recording:state', (recording) => this.setRecording(recording));
  }

  get current(): MeetingView {
    return { ...this.view, settings: { ...this.view.settings }, waiting: [...this.view.waiting] };
  }

  /** Registers the meeting's events through `on` (the Room's subscription helper). */
  listen(on: <K extends keyof SignalingEvents>(event: K, fn: SignalingEvents[K]) => void): void {
    on('lobby:waiting', ({ waiting }) => this.setWaiting(waiting));
    on('meeting:settings', (settings) => this.set({ settings }));
    on('host:muted', ({ kind, by }) => {
      this.hooks.mutedBy(kind, by);
      this.hooks.notice(text(kind === 'mic' ? 'meeting.mutedMic' : 'meeting.mutedCamera', { by }));
    });
    on('room:removed', ({ by }) => this.end('removed', by));
    on('meeting:ended', ({ by }) => this.end('ended', by));
  }

  /** What a join or resume answer says of the meeting. */
  fromJoin(answer: JoinResponse): void {
    this.set({
      ...(answer.settings ? { settings: answer.settings } : {}),
      waiting: answer.waiting ?? [],
      recording: answer.recording ?? { active: false },
      recordingAllowed: answer.recordingAllowed === true && this.hooks.recordingPermitted !== false,
    });
  }

  /** Starts recording the meeting (hosts and co-hosts; everyone is told). */
  async startRecording(): Promise<void> {
    this.setRecording(await this.signaling.request('recording:start', {}));
  }

  async stopRecording(): Promise<void> {
    this.setRecording(await this.signaling.request('recording:stop', {}));
  }

  /** The meeting's recordings, newest first, ready ones with a download link that expires. */
  listRecordings(): Promise<RecordingSummary[]> {
    return this.signaling.request('recording:list', {});
  }

  admit(ids: string[] | 'all'): Promise<null> {
    return this.signaling.request('host:admit', ids === 'all' ? { all: true } : { ids });
  }

  deny(ids: string[]): Promise<null> {
    return this.signaling.request('host:deny', { ids });
  }

  mute(id: string, kind: 'mic' | 'camera'): Promise<null> {
    return this.signaling.request('host:mute', { id, kind });
  }

  remove(id: string): Promise<null> {
    return this.signaling.request('host:remove', { id });
  }

  setRole(id: string, role: Role): Promise<null> {
    return this.signaling.request('host:role', { id, role });
  }

  async changeSettings(patch: Partial<Pick<MeetingSettings, 'locked' | 'waitingRoom'>>): Promise<void> {
    this.set({ settings: await this.signaling.request('host:settings', patch) });
  }

  endForAll(): Promise<null> {
    return this.signaling.request('host:end', {});
  }

  private setWaiting(waiting: WaitingEntry[]): void {
    const before = new Set(this.view.waiting.map((w) => w.id));
    const knocking = waiting.filter((w) => !before.has(w.id));
    this.set({ waiting });
    if (knocking.length === 1) this.hooks.notice(text('meeting.knockOne', { name: knocking[0]!.name }));
    else if (knocking.length > 1) this.hooks.notice(text('meeting.knockMany', { count: knocking.length }));
  }

  private setRecording(recording: RecordingState): void {
    const was = this.view.recording.active;
    if (was === recording.active && this.view.recording.by === recording.by) return;
    this.set({ recording });
    if (!was && recording.active && recording.by) this.hooks.notice(text('recording.started', { by: recording.by }));
    else if (was && !recording.active) this.hooks.notice(text('recording.stopped'));
  }

  private end(reason: 'removed' | 'ended', by: string): void {
    if (this.view.ended) return;
    this.set({ ended: { reason, by } });
    this.hooks.ended(reason, by);
  }

  private set(patch: Partial<MeetingView>): void {
    this.view = { ...this.view, ...patch };
    this.hooks.changed(this.current);
  }
}
