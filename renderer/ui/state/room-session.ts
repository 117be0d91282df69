/** The page's CallSession, wired to the real engine, the desktop bridge, the router and the view models. */
import { Room } from '../../call/room';
import { createCallTransport } from '../../call/switch/default-transport';
import { desktopSettings, onJoinRequest, onSystemWake, onTrayAction, reportCallState } from '../../desktop/bridge';
import { CallSession } from '../../session/call-session';
import { roomPath } from '../lib/route';
import { hostKeyFor, keepHostKey } from '../lib/host-keys';
import { CallModel } from './call.svelte';
import { effectsModel } from './effects.svelte';
import { LobbyModel } from './lobby.svelte';
import { noiseModel } from './noise.svelte';
import { prefs } from './prefs.svelte';
import { navigate } from './router.svelte';
import { showToast } from './toasts.svelte';
import { watchForNotifications } from './notifications';

export type RoomSession = CallSession<LobbyModel, CallModel>;

/** A session for one room page: mesh or SFU as the server says, switching live. */
export function createRoomSession(roomName: string): RoomSession {
  return new CallSession<LobbyModel, CallModel>({
    roomName,
    displayName: prefs.displayName,
    createLobby: () => new LobbyModel(),
    createRoom: (init) => {
      // The browser that started the meeting keeps its host key (and the first session of an open room name gets one).
      // `?adaptation=off`: the browser's congestion control alone (the network bench's baseline).
      const adaptation = new URLSearchParams(globalThis.location?.search ?? '').get('adaptation') !== 'off';
      const room = new Room({ ...init, adaptation, transportFactory: createCallTransport, credentials: { hostKey: hostKeyFor(roomName), passcode: init.passcode }, onHostKey: (key) => keepHostKey(roomName, key) });
      // The lobby's background effect carries into the call: send the processed camera.
      void room.setVideoEffect(effectsModel().engine);
      // And its noise-suppression choice: send the denoised microphone.
      void room.setAudioEffect(noiseModel().engine);
      return room;
    },
    createCallView: (room) => {
      const model = new CallModel(room);
      model.sync();
      model.adopt(watchForNotifications(room, model));
      return model;
    },
    desktop: { settings: desktopSettings, reportCallState, onTrayAction, onJoinRequest, onWake: onSystemWake },
    openRoom: (name) => navigate(roomPath(name)),
    notify: (message) => void showToast(message, 'error'),
    // Frees the segmentation model and the GPU; the chosen effect stays remembered.
    released: () => {
      effectsModel().engine.stop();
      noiseModel().release();
    },
  });
}
