/**
 * One room's call life cycle, lobby → call → ended (→ lobby again on Rejoin), in plain
 * TypeScript so it is unit-tested without a browser. The page renders `view` and calls the
 * methods; nothing else creates, joins or leaves the Room.
 */
import type { Room } from '../call/room';
import type { LocalMedia } from '../media/local-media';
import { errorText, joinErrorMessage } from '../ui/lib/messages';
import { decideJoinRequest } from './join-request';
import { text } from '../i18n/text';
import { Observable, type Readable } from './observable';
import type { CallSessionDeps, EndReason, SessionCallView, SessionLobby, SessionView, TrayCallState, TrayCommand } from './session-types';

/** The session token carries the name: the lobby connects ahead once the typed name settles. */
const PREPARE_DEBOUNCE_MS = 400;

/**
 * A room page's call: `start()` opens the lobby, `join()` enters the call, `leave()` ends it,
 * `rejoin()` comes back from the ended screen; room links and tray actions arrive through the
 * desktop port. `L` and `C` are the UI's lobby and call view models (fakes in tests).
 */
export class CallSession<L extends SessionLobby, C extends SessionCallView> {
  readonly #deps: CallSessionDeps<L, C>;
  readonly #view: Observable<SessionView<L, C>>;
  #name: string;
  #passcode: string | undefined;
  #server = { url: '', forceRelay: false, allowRecording: true };
  /** The lobby's media is acquired (and the server settings read): Join and the early connection may start. */
  #lobbyReady = false;
  /** A Room connected ahead of Join for the current name, so Join costs one round trip. */
  #prepared: Room | null = null;
  #prepareTimer: ReturnType<typeof setTimeout> | undefined;
  /** The joined Room while the call runs. */
  #room: Room | null = null;
  /** The Room a join is under way in (it may wait in the waiting room). */
  #joining: Room | null = null;
  /** Media the call owns after the lobby handed it off; stopped when the call ends. */
  #media: LocalMedia | null = null;
  #roomOffs: (() => void)[] = [];
  #desktopOffs: (() => void)[] = [];
  #lastTray = '';
  #started = false;
  #disposed = false;

  constructor(deps: CallSessionDeps<L, C>) {
    this.#deps = deps;
    this.#name = deps.displayName.trim();
    this.#view = new Observable<SessionView<L, C>>({
      phase: 'lobby',
      lobby: null,
      call: null,
      joining: false,
      waiting: false,
      needsPasscode: false,
      joinError: null,
      serverStatus: 'idle',
      recordingNotice: false,
      endReason: 'left',
      endedBy: null,
      switchRequest: null,
      pushToTalk: false,
    });
  }

  /** What the page shows; read-only (a Svelte store: `$view` in a component). */
  get view(): Readable<SessionView<L, C>> {
    return this.#view;
  }

  /** The current state, for code that does not subscribe. */
  get current(): SessionView<L, C> {
    return this.#view.value;
  }

  get roomName(): string {
    return this.#deps.roomName;
  }

  /** Opens the lobby and starts listening to the tray and to room links. Call once. */
  start(): void {
    if (this.#started || this.#disposed) return;
    this.#started = true;
    const { desktop } = this.#deps;
    this.#desktopOffs.push(desktop.onTrayAction((action) => this.#onTrayAction(action)));
    this.#desktopOffs.push(desktop.onJoinRequest((room) => this.#onJoinRequest(room)));
    // After sleep the call's paths may be dead: restart ICE now rather than when it is noticed.
    this.#desktopOffs.push(desktop.onWake(() => this.#room?.networkChanged()));
    this.#openLobby(false);
  }

  /** The lobby's name field changed: connect ahead with it once it stops changing. */
  nameChanged(name: string): void {
    this.#name = name.trim();
    clearTimeout(this.#prepareTimer);
    if (!this.#lobbyReady || this.current.joining || this.#disposed) return;
    this.#prepareTimer = setTimeout(() => this.#prepare(), this.#deps.prepareDebounceMs ?? PREPARE_DEBOUNCE_MS);
  }

  /**
   * Joins with `displayName`, using the Room connected ahead when it has that name. A failure is
   * shown in the lobby (`joinError`) and the preview keeps running, so Retry just works.
   */
  async join(displayName: string): Promise<void> {
    const lobby = this.current.lobby;
    const localMedia = lobby?.media;
    if (!lobby || !localMedia || this.current.joining || this.#disposed) return;
    const name = displayName.trim();
    if (!name) {
      this.#set({ joinError: text('lobby.nameMissing') });
      return;
    }
    clearTimeout(this.#prepareTimer);
    this.#name = name;
    this.#set({ joining: true, joinError: null });
    let room = this.#prepared;
    this.#prepared = null;
    if (!room || room.displayName !== name) {
      room?.discard();
      room = this.#newRoom(name, localMedia);
    }
    this.#joining = room;
    const offWaiting = room.on('waiting', (waiting) => this.#set({ waiting }));
    try {
      await room.join();
    } catch (err) {
      if (this.#joining === room && this.current.lobby === lobby) this.#set({ joining: false, waiting: false, ...this.#refusal(err) });
      return;
    } finally {
      offWaiting();
    }
    if (this.#joining !== room) return; // left the waiting room meanwhile (cancelJoin)
    this.#joining = null;
    // Let the peer connections' first negotiation step (queued as a task by simple-peer) run
    // before the call view's first render, which takes tens of ms on slow machines.
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (this.current.lobby !== lobby || this.#disposed) {
      await this.#leaveRoom(room); // the page went away meanwhile
      return;
    }
    this.#media = lobby.handOff();
    this.#room = room;
    this.#watch(room);
    this.#set({ phase: 'call', lobby: null, call: this.#deps.createCallView(room), joining: false, waiting: false });
    this.#reportTray();
    // The engine may have given up between the join and now.
    if (room.state === 'failed' || room.state === 'left') this.#end(room.state);
  }

  /** The passcode typed in the lobby; the next join sends it (a Room connected ahead without it is dropped). */
  setPasscode(passcode: string): void {
    this.#passcode = passcode.trim() || undefined;
    this.#prepared?.discard();
    this.#prepared = null;
  }

  /** Leaves the waiting room (or stops a join under way): the lobby again, its preview still running. */
  cancelJoin(): void {
    const room = this.#joining;
    if (!room) return;
    this.#joining = null;
    room.cancelJoin();
    this.#set({ joining: false, waiting: false });
  }

  /** Leaves the call (the Leave button, the tray, the page going away); the ended screen follows. */
  async leave(): Promise<void> {
    const room = this.#room;
    if (!room) return;
    await this.#leaveRoom(room);
    this.#end('left');
  }

  /** From the ended screen: the lobby again, joining at once with the same name. */
  rejoin(): void {
    if (this.current.phase !== 'ended' || this.#disposed) return;
    this.#openLobby(true);
  }

  /** The user confirmed "Leave this call and join <room>?": leave, then open that room's lobby. */
  async confirmSwitch(): Promise<void> {
    const target = this.current.switchRequest;
    if (!target) return;
    this.#set({ switchRequest: null });
    await this.leave();
    this.#deps.openRoom(target);
  }

  /** The user declined the switch: the call goes on as it was. */
  cancelSwitch(): void {
    if (this.current.switchRequest) this.#set({ switchRequest: null });
  }

  /** The page is gone: leave any call, drop the early connection, stop the preview. */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    clearTimeout(this.#prepareTimer);
    for (const off of this.#desktopOffs.splice(0)) off();
    const room = this.#room;
    if (room) {
      void this.#leaveRoom(room);
      this.#end('left'); // frees the call's media and effects
    } else {
      this.current.lobby?.dispose();
      // A join waiting for a host would never end: stop it. Any other join ends, then leaves (below in join()).
      if (this.current.waiting) this.cancelJoin();
      this.#prepared?.discard();
      this.#prepared = null;
      this.#deps.released();
    }
  }

  #openLobby(autoJoin: boolean): void {
    this.current.lobby?.dispose();
    const lobby = this.#deps.createLobby();
    this.#lobbyReady = false;
    this.#set({ phase: 'lobby', lobby, call: null, joining: false, waiting: false, joinError: null, switchRequest: null });
    this.#reportTray();
    Promise.all([lobby.start(), this.#deps.desktop.settings()])
      .then(([, settings]) => {
        if (settings) this.#server = { url: settings.serverUrl, forceRelay: settings.relayOnly, allowRecording: settings.allowRecording };
        if (this.current.lobby !== lobby || this.#disposed) return;
        this.#lobbyReady = true;
        if (autoJoin && this.#name) void this.join(this.#name);
        else this.#prepare();
      })
      .catch((err: unknown) => {
        if (this.current.lobby === lobby) this.#set({ joinError: errorText(err) });
      });
  }

  /** Connects a Room ahead of Join for the current name (dropping one made for another name). */
  #prepare(): void {
    const media = this.current.lobby?.media;
    if (!this.#lobbyReady || this.current.joining || this.#disposed) return;
    if (this.#prepared && this.#prepared.displayName === this.#name) return;
    this.#prepared?.discard();
    this.#prepared = null;
    if (!media || !this.#name) {
      this.#set({ serverStatus: 'idle' });
      return;
    }
    const room = this.#newRoom(this.#name, media);
    this.#prepared = room;
    this.#set({ serverStatus: 'connecting' });
    room.on('meetingChanged', (m) => this.#prepared === room && this.#set({ recordingNotice: m.recording.active }));
    room.prepare().then(
      () => this.#prepared === room && this.#set({ serverStatus: 'ready' }),
      (err: unknown) => {
        if (this.#prepared !== room) return;
        // The server answered but refused this meeting (a dead link, a passcode): say so before Join is clicked.
        const code = (err as { code?: string }).code;
        if (code === undefined || code === 'SIGNALING_UNREACHABLE') return this.#set({ serverStatus: 'unreachable' });
        this.#set({ serverStatus: 'refused', ...this.#refusal(err) });
      },
    );
  }

  /** What the lobby shows of a refused join: the message, and the passcode field once a passcode was asked for. */
  #refusal(err: unknown): { joinError: string; needsPasscode: boolean } {
    const code = (err as { code?: string }).code;
    return { joinError: joinErrorMessage(err), needsPasscode: this.current.needsPasscode || code === 'PASSCODE_REQUIRED' || code === 'WRONG_PASSCODE' };
  }

  #newRoom(displayName: string, localMedia: LocalMedia): Room {
    const { url: serverUrl, forceRelay, allowRecording } = this.#server;
    return this.#deps.createRoom({ roomName: this.#deps.roomName, displayName, localMedia, serverUrl, forceRelay, allowRecording, passcode: this.#passcode });
  }

  /** The only place a Room is left; a failure is told to the user, the call ends anyway. */
  #leaveRoom(room: Room): Promise<void> {
    return room.leave().catch((err: unknown) => this.#deps.notify(errorText(err)));
  }

  /** Follows the joined Room: its end ends the call; the local mute and share go to the tray. */
  #watch(room: Room): void {
    this.#roomOffs.push(
      room.on('stateChanged', (state) => {
        const byHost = room.meeting.current.ended;
        if (state === 'left' && byHost) this.#end(byHost.reason, byHost.by);
        else if (state === 'failed' || state === 'left') this.#end(state);
      }),
      room.on('participantUpdated', (p) => p.isLocal && this.#reportTray()),
      room.on('meetingChanged', () => this.#reportTray()),
    );
  }

  #end(reason: EndReason, by: string | null = null): void {
    if (this.current.phase !== 'call') return;
    for (const off of this.#roomOffs.splice(0)) off();
    this.current.call?.dispose();
    this.#room = null;
    this.#media?.stop(); // the Room stops it on leave too; this covers a failed call
    this.#media = null;
    this.#deps.released();
    // A pending "leave this call?" question is moot once the call is over.
    this.#set({ phase: 'ended', call: null, endReason: reason, endedBy: by, switchRequest: null, pushToTalk: false });
    this.#reportTray();
  }

  #onTrayAction(action: TrayCommand): void {
    const room = this.#room;
    if (!room) return;
    if (action === 'leave') void this.leave();
    else if (action === 'stop-share') void this.#attempt(() => room.stopShare());
    else if (action === 'toggle-mute') void this.#attempt(() => room.setMicEnabled(!room.localParticipant.media.mic));
    else this.#pushToTalk(room, action === 'push-to-talk-start');
  }

  /** A hold unmutes a muted microphone and mutes it again on release; an open microphone stays as it is. */
  #pushToTalk(room: Room, pressed: boolean): void {
    if (pressed === this.current.pushToTalk) return;
    if (pressed && room.localParticipant.media.mic) return;
    this.#set({ pushToTalk: pressed });
    void this.#attempt(() => room.setMicEnabled(pressed));
  }

  #onJoinRequest(requested: string): void {
    const decision = decideJoinRequest({ roomName: this.#deps.roomName, phase: this.current.phase }, requested);
    switch (decision.kind) {
      case 'invalid':
        return this.#deps.notify(decision.message);
      case 'stay':
        return;
      case 'reopen':
        return this.#openLobby(false);
      case 'open':
        return this.#deps.openRoom(decision.room);
      case 'ask':
        return this.#set({ switchRequest: decision.room });
    }
  }

  #reportTray(): void {
    const local = this.#room?.localParticipant;
    const state: TrayCallState = {
      inCall: this.current.phase === 'call',
      muted: !(local?.media.mic ?? false),
      sharing: local?.media.screen ?? false,
      waiting: this.#room?.meeting.current.waiting.length ?? 0,
      recording: this.current.phase === 'call' && (this.#room?.meeting.current.recording.active ?? false),
    };
    const key = JSON.stringify(state);
    if (key === this.#lastTray) return;
    this.#lastTray = key;
    this.#deps.desktop.reportCallState(state);
  }

  async #attempt(action: () => Promise<void>): Promise<void> {
    try {
      await action();
    } catch (err) {
      this.#deps.notify(errorText(err));
    }
  }

  #set(patch: Partial<SessionView<L, C>>): void {
    this.#view.set({ ...this.#view.value, ...patch });
  }
}
