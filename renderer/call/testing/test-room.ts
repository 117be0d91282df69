/** A Room on fakes (media, signaling, transports) for unit tests; every room made is left by `leaveTestRooms`. */
import { LocalMedia } from '../../media/local-media';
import { Room } from '../room';
import type { RoomOptions } from '../room-types';
import { fakeMediaDeps } from './fake-media';
import type { participant } from './fake-signaling';
import { FakeSignaling, joinAnswer } from './fake-signaling';
import { fakeTransportFactory } from './fake-transport';

const made: Room[] = [];

export interface TestRoomOptions {
  /** Who is in the room when we join. */
  others?: ReturnType<typeof participant>[];
  /** Whether a camera is granted (default true). */
  video?: boolean;
  /** Anything else of RoomOptions (transportFactory, createLevelMeter, captureDeps, forceRelay …). */
  room?: Partial<RoomOptions>;
}

export async function testRoom(opts: TestRoomOptions = {}) {
  const { media } = await LocalMedia.acquire({ video: opts.video ?? true }, fakeMediaDeps().deps);
  const sig = new FakeSignaling();
  sig.handle('room:join', (req) => joinAnswer('me-000001', opts.others ?? [], req.media));
  sig.handle('media:update', (patch) => ({ mic: true, camera: opts.video ?? true, screen: false, hand: false, ...patch }));
  const transports = fakeTransportFactory();
  const room = new Room({
    serverUrl: 'https://call.example.test',
    roomName: 'standup',
    displayName: 'Ada',
    localMedia: media,
    signaling: sig,
    transportFactory: transports.factory,
    createLevelMeter: () => null,
    ...opts.room,
  });
  made.push(room);
  return { room, sig, transports, media };
}

/** For afterEach: leaves every test room, so no monitor timer outlives its test. */
export async function leaveTestRooms(): Promise<void> {
  await Promise.all(made.splice(0).map((r) => r.leave()));
}
