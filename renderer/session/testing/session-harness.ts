/** A CallSession on the engine's fakes (media, signaling, transports) and a fake desktop shell. */
import { CallError } from '../../call/api';
import { Room } from '../../call/room';
import { fakeMediaDeps } from '../../call/testing/fake-media';
import { FakeSignaling, joinAnswer } from '../../call/testing/fake-signaling';
import { fakeTransportFactory } from '../../call/testing/fake-transport';
import { LocalMedia } from '../../media/local-media';
import { CallSession } from '../call-session';
import type { RoomInit, SessionCallView, SessionDesktop, SessionLobby, TrayCallState, TrayCommand } from '../session-types';
import type { MediaState } from '../../../protocol';

/** A lobby that acquires fake media; `dispose` stops it unless it was handed to the call. */
export class FakeLobby implements SessionLobby {
  media: LocalMedia | null = null;
  disposed = false;
  handedOff = false;
  async start(): Promise<void> {
    this.media = (await LocalMedia.acquire({}, fakeMediaDeps().deps)).media;
  }
  handOff(): LocalMedia | null {
    this.handedOff = true;
    this.disposed = true;
    return this.media;
  }
  dispose(): void {
    this.disposed = true;
    if (!this.handedOff) this.media?.stop();
  }
}

export class FakeCallView implements SessionCallView {
  disposed = false;
  constructor(readonly room: Room) {}
  dispose(): void {
    this.disposed = true;
  }
}

/** The desktop shell: records what the session tells the tray; tests fire tray actions and links. */
export class FakeDesktop implements SessionDesktop {
  readonly tray: TrayCallState[] = [];
  private trayListener: ((a: TrayCommand) => void) | null = null;
  private joinListener: ((room: string) => void) | null = null;
  private wakeListener: (() => void) | null = null;
  async settings() {
    return null;
  }
  reportCallState(state: TrayCallState): void {
    this.tray.push(state);
  }
  onTrayAction(listener: (a: TrayCommand) => void): () => void {
    this.trayListener = listener;
    return () => (this.trayListener = null);
  }
  onJoinRequest(listener: (room: string) => void): () => void {
    this.joinListener = listener;
    return () => (this.joinListener = null);
  }
  onWake(listener: () => void): () => void {
    this.wakeListener = listener;
    return () => (this.wakeListener = null);
  }
  wake(): void {
    this.wakeListener?.();
  }
  trayAction(a: TrayCommand): void {
    this.trayListener?.(a);
  }
  link(room: string): void {
    this.joinListener?.(room);
  }
  get listening(): boolean {
    return this.trayListener !== null && this.joinListener !== null;
  }
}

/** One Room the session made, with its fake signaling. */
export interface MadeRoom {
  room: Room;
  sig: FakeSignaling;
  init: RoomInit;
  /** The transports the Room made (the last one carries the call). */
  transports: ReturnType<typeof fakeTransportFactory>;
}

const live: CallSession<FakeLobby, FakeCallView>[] = [];
const rooms: Room[] = [];

export interface HarnessOptions {
  displayName?: string;
  /** Answers `room:join` of the n-th room made (0-based); default: joined alone. */
  /** The n-th Room's session request fails with this (the server refused the meeting). */
  sessionError?: (n: number) => CallError | undefined;
  /** The n-th Room's answer to room:join (undefined: the default); it may throw a CallError. */
  joinAnswer?: (n: number) => ((req: { media: MediaState }) => ReturnType<typeof joinAnswer>) | undefined;
  /** The n-th room's server cannot be reached. */
  unreachable?: (n: number) => boolean;
}

export function sessionHarness(opts: HarnessOptions = {}) {
  const made: MadeRoom[] = [];
  const lobbies: FakeLobby[] = [];
  const views: FakeCallView[] = [];
  const opened: string[] = [];
  const notices: string[] = [];
  let released = 0;
  const desktop = new FakeDesktop();
  const session = new CallSession<FakeLobby, FakeCallView>({
    roomName: 'standup',
    displayName: opts.displayName ?? 'Ada',
    prepareDebounceMs: 20,
    createLobby: () => {
      const l = new FakeLobby();
      lobbies.push(l);
      return l;
    },
    createRoom: (init) => {
      const n = made.length;
      const sig = new FakeSignaling();
      if (opts.unreachable?.(n)) sig.connectError = new CallError('SIGNALING_UNREACHABLE', 'unreachable');
      sig.sessionError = opts.sessionError?.(n) ?? null;
      sig.handle('room:join', opts.joinAnswer?.(n) ?? ((req) => joinAnswer(`me-00000${n + 1}`, [], req.media)));
      sig.handle('media:update', (patch) => ({ mic: true, camera: true, screen: false, hand: false, ...patch }));
      const transports = fakeTransportFactory();
      const room = new Room({
        serverUrl: 'https://call.example.test',
        roomName: init.roomName,
        displayName: init.displayName,
        localMedia: init.localMedia,
        signaling: sig,
        transportFactory: transports.factory,
        createLevelMeter: () => null,
        credentials: { passcode: init.passcode },
      });
      made.push({ room, sig, init, transports });
      rooms.push(room);
      return room;
    },
    createCallView: (room) => {
      const v = new FakeCallView(room);
      views.push(v);
      return v;
    },
    desktop,
    openRoom: (name) => opened.push(name),
    notify: (m) => notices.push(m),
    released: () => void released++,
  });
  live.push(session);
  return { session, made, lobbies, views, opened, notices, desktop, released: () => released };
}

/** Lets promises and zero-delay timers run. */
export const settle = (ms = 0) => new Promise((r) => setTimeout(r, ms));

/** Waits until `check` holds (the session's steps are asynchronous), or fails after a second. */
export async function until(check: () => boolean, what = 'condition'): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (check()) return;
    await settle(10);
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** For afterEach: disposes every session and leaves every room, so no timer outlives its test. */
export async function cleanUpSessions(): Promise<void> {
  for (const s of live.splice(0)) s.dispose();
  await Promise.all(rooms.splice(0).map((r) => r.leave()));
}
