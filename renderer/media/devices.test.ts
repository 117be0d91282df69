import { listDevices, onDeviceChange } from './devices';

const device = (kind: string, deviceId: string, label = '') => ({ kind, deviceId, label, groupId: '' }) as MediaDeviceInfo;

function api(devices: MediaDeviceInfo[]) {
  const listeners = new Set<() => void>();
  return {
    listeners,
    enumerateDevices: async () => devices,
    addEventListener: (_type: string, fn: () => void) => void listeners.add(fn),
    removeEventListener: (_type: string, fn: () => void) => void listeners.delete(fn),
  } as unknown as Pick<MediaDevices, 'enumerateDevices' | 'addEventListener' | 'removeEventListener'> & { listeners: Set<() => void> };
}

describe('listDevices', () => {
  it('groups by kind, numbers devices without a label and skips ones without an id', async () => {
    const lists = await listDevices(
      api([device('audioinput', 'm1', 'Desk mic'), device('videoinput', 'c1'), device('videoinput', ''), device('videoinput', 'c2'), device('audiooutput', 's1')]),
    );
    expect(lists).toEqual({
      audioinput: [{ deviceId: 'm1', kind: 'audioinput', label: 'Desk mic' }],
      videoinput: [
        { deviceId: 'c1', kind: 'videoinput', label: 'Camera 1' },
        { deviceId: 'c2', kind: 'videoinput', label: 'Camera 2' },
      ],
      audiooutput: [{ deviceId: 's1', kind: 'audiooutput', label: 'Speaker 1' }],
    });
  });

  it('is empty where the page has no media devices', async () => {
    expect(await listDevices(null)).toEqual({ audioinput: [], videoinput: [], audiooutput: [] });
  });
});

describe('onDeviceChange', () => {
  it('subscribes and unsubscribes', () => {
    const a = api([]);
    const stop = onDeviceChange(() => undefined, a);
    expect(a.listeners.size).toBe(1);
    stop();
    expect(a.listeners.size).toBe(0);
  });
});
