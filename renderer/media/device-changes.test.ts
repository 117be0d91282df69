import { fallbackDevice, interpretDeviceChange } from './device-changes';
import type { DeviceKind, DeviceLists, DeviceOption } from './devices';

const d = (kind: DeviceKind, deviceId: string, label = deviceId): DeviceOption => ({ kind, deviceId, label });
const lists = (audio: string[], video: string[]): DeviceLists => ({
  audioinput: audio.map((id) => d('audioinput', id)),
  videoinput: video.map((id) => d('videoinput', id)),
  audiooutput: [],
});

describe('fallbackDevice', () => {
  it("prefers the system's default entry, else the first device; never the one that is gone", () => {
    expect(fallbackDevice([d('audioinput', 'usb'), d('audioinput', 'default'), d('audioinput', 'desk')], 'usb')?.deviceId).toBe('default');
    expect(fallbackDevice([d('videoinput', 'usb'), d('videoinput', 'built-in')], 'usb')?.deviceId).toBe('built-in');
    expect(fallbackDevice([d('videoinput', 'usb')], 'usb')).toBeNull();
    expect(fallbackDevice([])).toBeNull();
  });
});

describe('interpretDeviceChange', () => {
  it('the camera in use gone: fall back to the first camera left', () => {
    expect(interpretDeviceChange(lists([], ['usb', 'built-in']), lists([], ['built-in']), { videoinput: 'usb' })).toEqual([
      { type: 'lost', kind: 'videoinput', fallback: d('videoinput', 'built-in') },
    ]);
  });

  it('the microphone in use gone and none left: fallback null', () => {
    expect(interpretDeviceChange(lists(['headset'], []), lists([], []), { audioinput: 'headset' })).toEqual([
      { type: 'lost', kind: 'audioinput', fallback: null },
    ]);
  });

  it('another device gone, or a kind that is off: nothing to do', () => {
    expect(interpretDeviceChange(lists(['a', 'b'], ['c1', 'c2']), lists(['a'], ['c1']), { audioinput: 'a', videoinput: 'c1' })).toEqual([]);
    expect(interpretDeviceChange(lists([], ['c1']), lists([], []), {})).toEqual([]);
  });

  it('a headset plugged in: its microphone is offered, not the default alias that changed with it', () => {
    const before = lists(['default', 'desk'], ['c1']);
    const after = lists(['default', 'communications', 'desk', 'headset'], ['c1', 'usb-cam']);
    expect(interpretDeviceChange(before, after, { audioinput: 'default', videoinput: 'c1' })).toEqual([
      { type: 'added', kind: 'audioinput', device: d('audioinput', 'headset') },
      { type: 'added', kind: 'videoinput', device: d('videoinput', 'usb-cam') },
    ]);
  });

  it('a device already in use is not offered', () => {
    expect(interpretDeviceChange(lists([], []), lists([], ['c1']), { videoinput: 'c1' })).toEqual([]);
  });
});
