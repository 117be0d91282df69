import { BridgeError, createBridgeTransport } from './bridge-transport';
import type { IpcRendererPort } from './bridge-transport';
import { createDesktopApi } from './desktop-api';
import type { EventChannel, InvokeChannel, SendChannel } from '../../protocol/ipc/contract';
import { z } from 'zod';
import { SETTING_DEFAULTS } from '../../protocol/ipc/settings';

type Listener = (event: unknown, ...args: unknown[]) => void;

/** A stand-in for ipcRenderer: records what would go to the main process. */
function fakeIpcRenderer(answer: (channel: string, args: unknown[]) => unknown = () => ({ ok: true })) {
  const sent: Array<{ kind: 'invoke' | 'send'; channel: string; args: unknown[] }> = [];
  const listeners = new Map<string, Set<Listener>>();
  const port: IpcRendererPort = {
    invoke: async (channel, ...args) => {
      sent.push({ kind: 'invoke', channel, args });
      return answer(channel, args);
    },
    send: (channel, ...args) => void sent.push({ kind: 'send', channel, args }),
    on: (channel, l) => listeners.set(channel, (listeners.get(channel) ?? new Set()).add(l)),
    removeListener: (channel, l) => listeners.get(channel)?.delete(l),
  };
  const emit = (channel: string, ...args: unknown[]) => listeners.get(channel)?.forEach((l) => l({ sender: 'ipcRenderer-event' }, ...args));
  return { port, sent, emit, listeners };
}

describe('bridge transport (preload side)', () => {
  it('refuses unknown channels before anything is sent', async () => {
    const ipc = fakeIpcRenderer();
    const t = createBridgeTransport(ipc.port);
    await expect(t.invoke('confer:shell:exec' as InvokeChannel, z.any(), 1, z.any())).rejects.toMatchObject({ code: 'UNKNOWN_CHANNEL' });
    expect(() => t.send('ELECTRON_BROWSER_REQUIRE' as SendChannel, z.any(), 1)).toThrow(BridgeError);
    expect(() => t.subscribe('confer:secret' as EventChannel, z.any(), () => {})).toThrow(BridgeError);
    expect(ipc.sent).toEqual([]);
  });

  it('validates what the page passes and what the main process answers', async () => {
    const ipc = fakeIpcRenderer(() => [{ id: 'file:/etc', name: 'x', thumbnail: 'data:image/png;base64,', appIcon: null }]);
    const api = createDesktopApi(createBridgeTransport(ipc.port));
    await expect(api.picker.choose({ requestId: 'short', sourceId: 'screen:0:0', audio: false })).rejects.toMatchObject({ code: 'INVALID_PAYLOAD' });
    expect(() => api.tray.setCallState({ inCall: true } as never)).toThrow(BridgeError);
    expect(ipc.sent).toEqual([]);
    await expect(api.picker.listSources('req-0000-0001')).rejects.toMatchObject({ code: 'INVALID_RESULT' });
    await expect(api.settings.set({ key: 'toggleMuteShortcut', value: 'Ctrl+M; rm' })).rejects.toMatchObject({ code: 'INVALID_PAYLOAD' });
    await expect(api.settings.set({ key: 'autoUpdate', value: 'off' } as never)).rejects.toMatchObject({ code: 'INVALID_PAYLOAD' });
    expect(ipc.sent).toEqual([{ kind: 'invoke', channel: 'confer:picker:sources', args: [{ requestId: 'req-0000-0001' }] }]);
  });

  it('sends valid calls with exactly the validated payload', async () => {
    const ipc = fakeIpcRenderer((channel) =>
      channel === 'confer:settings:get'
        ? { ...SETTING_DEFAULTS, serverUrl: 'https://meet.example.com', relayOnly: true, autoUpdate: false, managed: ['relayOnly'] }
        : { ok: true },
    );
    const api = createDesktopApi(createBridgeTransport(ipc.port));
    expect(await api.picker.choose({ requestId: 'req-0000-0001', sourceId: 'screen:0:0', audio: true })).toBe(true);
    api.tray.setCallState({ inCall: true, muted: false });
    expect((await api.settings.get()).relayOnly).toBe(true);
    expect(ipc.sent).toEqual([
      { kind: 'invoke', channel: 'confer:picker:choose', args: [{ requestId: 'req-0000-0001', sourceId: 'screen:0:0', audio: true }] },
      { kind: 'send', channel: 'confer:tray:state', args: [{ inCall: true, muted: false }] },
      { kind: 'invoke', channel: 'confer:settings:get', args: [] },
    ]);
  });

  it('delivers valid events without Electron’s event object, drops malformed ones, and unsubscribes', () => {
    const ipc = fakeIpcRenderer();
    const api = createDesktopApi(createBridgeTransport(ipc.port));
    const joins: unknown[][] = [];
    const stop = api.deepLinks.onJoin((...args) => joins.push(args));
    ipc.emit('confer:deep-link:join', { room: 'standup' });
    ipc.emit('confer:deep-link:join', { room: '../etc' });
    ipc.emit('confer:deep-link:join', { room: 'standup', extra: 1 });
    expect(joins).toEqual([[{ room: 'standup' }]]);
    stop();
    ipc.emit('confer:deep-link:join', { room: 'later' });
    expect(joins).toHaveLength(1);
  });

  it('freezes the API so page code cannot swap a method', () => {
    const api = createDesktopApi(createBridgeTransport(fakeIpcRenderer().port));
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.isFrozen(api.picker)).toBe(true);
  });
});
