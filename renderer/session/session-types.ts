/** The call session's state and the parts it is built from (injected, so tests run it on fakes). */
import type { Room } from '../call/room';
import type { LocalMedia } from '../media/local-media';
import type { ServerStatus } from '../ui/lib/server-status';

/** Where the page is in a call's life: the lobby before joining, the call, the screen after it. */
export type SessionPhase = 'lobby' | 'call' | 'ended';

/** Why the call ended: the user left, or the engine gave up. */
/** Why the call ended: we left, it failed, a host removed us, or a host ended the meeting. */
export type EndReason = 'left' | 'failed' | 'removed' | 'ended';

/** The lobby's preview media, as the session needs it (the UI's LobbyModel is one). */
export interface SessionLobby {
  /** The previewed media once `start` acquired it; handed to the call on join. */
  readonly media: LocalMedia | null;
  /** Acquires the preview media. */
  start(): Promise<void>;
  /** Gives the media to the call: the lobby no longer stops it. */
  handOff(): LocalMedia | null;
  dispose(): void;
}

/** What the call view reads while the call runs (the UI's CallModel is one). */
export interface SessionCallView {
  dispose(): void;
}

/** What a new Room needs besides what the session was made for. */
export interface RoomInit {
  roomName: string;
  displayName: string;
  localMedia: LocalMedia;
  /** '' means the page's own origin. */
  serverUrl: string;
  forceRelay: boolean;
  /** False when the desktop policy takes Record away in this app. */
  allowRecording: boolean;
  /** The meeting's passcode as typed in the lobby, when it asks for one. */
  passcode?: string;
}

/** What the desktop tray shows of the call (the shape the desktop bridge's `reportCallState` takes). */
export interface TrayCallState {
  inCall: boolean;
  muted: boolean;
  sharing?: boolean;
  /** People in the waiting room (hosts see them). */
  waiting?: number;
  /** The meeting is being recorded. */
  recording?: boolean;
}

/** What the tray menu and the desktop's global shortcuts ask of the call. */
export type TrayCommand = 'toggle-mute' | 'stop-share' | 'leave' | 'push-to-talk-start' | 'push-to-talk-end';

/** The desktop shell as the session uses it; in a browser every member is a harmless fallback. */
export interface SessionDesktop {
  /** The configured call server (null in a browser: the page's own origin). */
  settings(): Promise<{ serverUrl: string; relayOnly: boolean; allowRecording: boolean } | null>;
  /** Tells the tray whether a call runs, muted or sharing. */
  reportCallState(state: TrayCallState): void;
  /** Tray menu actions ("Mute", "Leave call"). */
  onTrayAction(listener: (action: TrayCommand) => void): () => void;
  /** Room links opened while the app runs. */
  onJoinRequest(listener: (room: string) => void): () => void;
  /** The computer woke from sleep or was unlocked (the desktop app's power events). */
  onWake(listener: () => void): () => void;
}

/** Everything a CallSession is made from. */
export interface CallSessionDeps<L extends SessionLobby, C extends SessionCallView> {
  roomName: string;
  /** The display name remembered from an earlier visit ('' when none). */
  displayName: string;
  createLobby(): L;
  createRoom(init: RoomInit): Room;
  /** The call view for a joined Room (made only after the join succeeded). */
  createCallView(room: Room): C;
  desktop: SessionDesktop;
  /** Shows another room's lobby (the page's route changes; this session is disposed). */
  openRoom(roomName: string): void;
  /** Tells the user about a failure that has no place on the page (a tray action, a bad link). */
  notify(message: string): void;
  /** Frees what the call used besides its media (the background-effect model); the choice stays remembered. */
  released(): void;
  /** How long the typed name must stay unchanged before the lobby connects ahead with it; default 400 ms. */
  prepareDebounceMs?: number;
}

/** What the page shows, read-only: components render it and call the session's methods. */
export interface SessionView<L extends SessionLobby, C extends SessionCallView> {
  readonly phase: SessionPhase;
  /** The lobby while `phase` is 'lobby'. */
  readonly lobby: L | null;
  /** The call view while `phase` is 'call'. */
  readonly call: C | null;
  /** A join is under way (the lobby's Join button waits). */
  readonly joining: boolean;
  /** The join waits in the meeting's waiting room for a host. */
  readonly waiting: boolean;
  /** Why the last join (or the lobby's set-up) failed, as a sentence for the user. */
  readonly joinError: string | null;
  /** The meeting asks for a passcode (the last join was refused for a missing or wrong one). */
  readonly needsPasscode: boolean;
  /** The connection made ahead of Join. */
  readonly serverStatus: ServerStatus;
  /** The meeting is being recorded (the server said so on the connection made ahead of Join). */
  readonly recordingNotice: boolean;
  readonly endReason: EndReason;
  /** The host who removed us or ended the meeting. */
  readonly endedBy: string | null;
  /** A room a link asked to switch to during the call, waiting for the user's answer. */
  readonly switchRequest: string | null;
  /** Push-to-talk holds the microphone open (desktop global shortcut); it mutes again on release. */
  readonly pushToTalk: boolean;
}
