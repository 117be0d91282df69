import type { CallError, MeetingView, ParticipantView, RoomEvents, RoomState } from '../../call/api';
import type { Room } from '../../call/room';
import type { ChatMessage, Topology } from '../../../protocol/types';
import { countUnread, mergeChat } from '../lib/chat';
import { showToast } from './toasts.svelte';
import { chime } from '../lib/chime';
import { emptyMeetingView } from '../../call/meeting';
import { CallDevices } from './call-devices.svelte';

export type SidePanel = 'chat' | 'participants' | null;

/** Snapshot so a participant mutated in place by the engine still reads as changed. */
const snap = (p: ParticipantView): ParticipantView => ({ ...p, media: { ...p.media } });

/**
 * The call's view model: mirrors the Room's events into read-only reactive state.
 * Components read it and call Room methods (`model.room.setMicEnabled(...)`) to act.
 */
export class CallModel {
  readonly room: Room;
  /** Camera, microphone and speaker menus, device toasts. */
  readonly devices: CallDevices;
  #state = $state<RoomState>('connecting');
  #participants = $state.raw<readonly ParticipantView[]>([]);
  #chat = $state.raw<readonly ChatMessage[]>([]);
  #unread = $state(0);
  #panel = $state<SidePanel>(null);
  #topology = $state<Topology | null>(null);
  #meeting = $state.raw<MeetingView>(emptyMeetingView());
  #off: (() => void)[] = [];

  constructor(room: Room) {
    this.room = room;
    this.devices = new CallDevices(room.devices);
    this.#listen('stateChanged', (s) => (this.#state = s));
    this.#listen('participantJoined', () => this.sync());
    this.#listen('participantLeft', (id) => (this.#participants = this.#participants.filter((p) => p.id !== id)));
    this.#listen('participantUpdated', (p) => this.#update(p));
    this.#listen('chatMessage', (m) => this.#receive(m));
    this.#listen('topologyChanged', (t) => (this.#topology = t));
    this.#listen('error', (e: CallError) => showToast(e.message, 'error'));
    this.#meeting = room.meeting.current;
    this.#listen('meetingChanged', (m) => {
      // A host hears a knock (the toast says who).
      if (this.canModerate && m.waiting.length > this.#meeting.waiting.length) chime();
      this.#meeting = m;
    });
    this.#listen('notice', (text) => showToast(text));
  }

  get state() { return this.#state; }
  /** Local participant first, then others in join order. */
  get participants() { return this.#participants; }
  get local(): ParticipantView | null { return this.#participants.find((p) => p.isLocal) ?? null; }
  get chat() { return this.#chat; }
  get unread() { return this.#unread; }
  get panel() { return this.#panel; }
  get topology() { return this.#topology; }
  /** The meeting's settings and, for hosts, who waits. */
  get meeting() { return this.#meeting; }
  /** We may admit, mute, remove (host or co-host). */
  get canModerate(): boolean { const r = this.local?.role; return r === 'host' || r === 'cohost'; }
  get isHost(): boolean { return this.local?.role === 'host'; }

  /** Opens a side panel (or closes it when it is already open); opening chat marks messages read. */
  togglePanel(panel: Exclude<SidePanel, null>): void {
    this.#panel = this.#panel === panel ? null : panel;
    if (this.#panel === 'chat') this.#unread = 0;
  }

  closePanel(): void {
    this.#panel = null;
  }

  /** Sends a chat message; own messages appear even if the engine only acknowledges them. */
  async sendChat(text: string): Promise<void> {
    await this.room.sendChat(text);
    this.#chat = mergeChat(this.#chat, this.room.chat);
  }

  /** Re-reads everything from the Room (after join and when someone joins). */
  sync(): void {
    this.#state = this.room.state;
    const local = this.room.localParticipant;
    const others = this.room.participants.filter((p) => !p.isLocal && p.id !== local?.id);
    this.#participants = [...(local ? [local] : []), ...others].map(snap);
    this.#chat = mergeChat(this.#chat, this.room.chat);
  }

  /** Ties something's end to the call view's (the session disposes it when the call ends). */
  adopt(stop: () => void): void {
    this.#off.push(stop);
  }

  dispose(): void {
    this.devices.dispose();
    for (const off of this.#off.splice(0)) off();
  }

  #update(p: ParticipantView): void {
    const i = this.#participants.findIndex((x) => x.id === p.id);
    if (i < 0) return this.sync();
    const next = [...this.#participants];
    next[i] = snap(p);
    this.#participants = next;
  }

  #receive(m: ChatMessage): void {
    const before = this.#chat;
    this.#chat = mergeChat(before, [m]);
    if (this.#chat !== before) this.#unread = countUnread(this.#unread, m, this.local?.id ?? null, this.#panel === 'chat');
  }

  #listen<E extends keyof RoomEvents>(event: E, fn: RoomEvents[E]): void {
    this.room.on(event, fn);
    this.#off.push(() => this.room.off(event, fn));
  }
}
