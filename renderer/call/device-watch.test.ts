import type { DeviceLists } from '../media/devices';
import type { DeviceOption } from '../media/devices';
import type { FakeTrack } from './testing/fake-media';
import { leaveTestRooms, testRoom } from './testing/test-room';

const flush = () => new Promise((r) => setImmediate(r));
afterEach(leaveTestRooms);

const opt = (kind: DeviceOption['kind'], deviceId: string): DeviceOption => ({ kind, deviceId, label: `${deviceId} label` });

/** A room on fakes with a device list the test edits and a `devicechange` it fires. */
async function setup() {
  let devices: DeviceLists = {
    audioinput: [opt('audioinput', 'default'), opt('audioinput', 'desk-mic')],
    videoinput: [opt('videoinput', 'default'), opt('videoinput', 'usb-cam')],
    audiooutput: [],
  };
  let fire = () => undefined as void;
  const made = await testRoom({
    room: {
      deviceDeps: {
        list: async () => devices,
        onDeviceChange: (fn) => ((fire = fn), () => undefined),
      },
    },
  });
  const { room, media } = made;
  await room.join();
  await room.devices.start();
  const events: string[] = [];
  room.devices.on('fellBack', (kind, d) => events.push(`fellBack ${kind} ${d.deviceId}`));
  room.devices.on('noneLeft', (kind) => events.push(`noneLeft ${kind}`));
  room.devices.on('offered', (kind, d) => events.push(`offered ${kind} ${d.deviceId}`));
  const change = async (next: Partial<DeviceLists>) => {
    devices = { ...devices, ...next };
    fire();
    await flush();
    await flush();
  };
  return { ...made, room, media, events, change, transport: made.transports.last() };
}

describe('switching a device during the call', () => {
  it('puts the new camera on the existing sender (no new transport), then stops the old track', async () => {
    const { room, media, transport, transports } = await setup();
    const old = media.videoTrack as unknown as FakeTrack;
    const liveAtSwap: string[] = [];
    const replace = transport.replaceTrack.bind(transport);
    transport.replaceTrack = async (kind, track) => {
      liveAtSwap.push(old.readyState);
      return replace(kind, track);
    };
    await room.devices.use('videoinput', 'usb-cam');
    expect(transport.replaced.at(-1)).toEqual({ kind: 'video', track: media.videoTrack });
    expect(media.deviceInUse('videoinput')).toBe('usb-cam');
    expect(liveAtSwap).toEqual(['live']);
    expect(old.readyState).toBe('ended');
    expect(transports.made).toHaveLength(1);
  });

  it('keeps a muted microphone muted on the new device', async () => {
    const { room, media, transport } = await setup();
    await room.setMicEnabled(false);
    await room.devices.use('audioinput', 'desk-mic');
    expect(media.audioTrack?.enabled).toBe(false);
    expect(transport.replaced.at(-1)).toEqual({ kind: 'audio', track: media.audioTrack });
    expect(room.localParticipant.media.mic).toBe(false);
  });
});

describe('devices coming and going', () => {
  it('the camera in use unplugged (devicechange): falls back to the default one', async () => {
    const { room, media, events, change } = await setup();
    await room.devices.use('videoinput', 'usb-cam');
    await change({ videoinput: [opt('videoinput', 'default')] });
    expect(events).toEqual(['fellBack videoinput default']);
    expect(media.deviceInUse('videoinput')).toBe('default');
    expect(room.localParticipant.media.camera).toBe(true);
  });

  it('the microphone track ended by itself: captured again from the default, mute state kept', async () => {
    const { room, media, events, transport } = await setup();
    await room.devices.use('audioinput', 'desk-mic');
    await room.setMicEnabled(false);
    (media.audioTrack as unknown as FakeTrack).end();
    await flush();
    await flush();
    expect(events).toEqual(['fellBack audioinput default']);
    expect(media.audioTrack).not.toBeNull();
    expect(media.audioTrack?.enabled).toBe(false);
    expect(transport.replaced.at(-1)).toEqual({ kind: 'audio', track: media.audioTrack });
    expect(room.localParticipant.media.mic).toBe(false);
  });

  it('the last camera gone: camera off, the call goes on', async () => {
    const { room, media, events, change } = await setup();
    await change({ videoinput: [] });
    expect(events).toEqual(['noneLeft videoinput']);
    expect(media.videoTrack).toBeNull();
    expect(room.localParticipant.media.camera).toBe(false);
    expect(room.state).toBe('joined');
  });

  it('a new microphone plugged in is offered, not switched to', async () => {
    const { media, events, change } = await setup();
    await change({ audioinput: [opt('audioinput', 'default'), opt('audioinput', 'desk-mic'), opt('audioinput', 'headset')] });
    expect(events).toEqual(['offered audioinput headset']);
    expect(media.deviceInUse('audioinput')).toBe('default');
  });
});
