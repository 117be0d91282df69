import { z } from 'zod';
import { createIpcRouter, REFUSED_MESSAGE } from './router';
import type { IpcMainPort } from './router';
import type { IpcEventLike } from '../security/sender';
import type { InvokeChannel, SendChannel } from '../../protocol/ipc/contract';

type Listener = (event: IpcEventLike, ...args: unknown[]) => unknown;

/** A stand-in for ipcMain that records registrations so tests can play the renderer. */
function fakeIpcMain() {
  const handlers = new Map<string, Listener>();
  const listeners = new Map<string, Listener>();
  const port: IpcMainPort = {
    handle: (channel, l) => void handlers.set(channel, l),
    on: (channel, l) => void listeners.set(channel, l),
  };
  return { port, handlers, listeners };
}

const appFrame = (url = 'app://confer/room/a'): IpcEventLike => ({ senderFrame: { url, parent: null }, sender: { id: 5 } });
const Schema = z.object({ requestId: z.string().min(8) }).strict();

function setup() {
  const ipc = fakeIpcMain();
  const warnings: string[] = [];
  const router = createIpcRouter(ipc.port, (m) => warnings.push(m));
  const handler = jest.fn((p: { requestId: string }, caller: { webContentsId: number }) => ({ echoed: p.requestId, by: caller.webContentsId }));
  router.handle('confer:picker:cancel', Schema, handler);
  const onState = jest.fn();
  router.on('confer:tray:state', z.object({ inCall: z.boolean(), muted: z.boolean() }).strict(), onState);
  return { ipc, warnings, handler, onState, router };
}

describe('IPC router', () => {
  it('passes a valid request from the app page to the handler', async () => {
    const { ipc, handler } = setup();
    const result = await ipc.handlers.get('confer:picker:cancel')!(appFrame(), { requestId: 'abcdefgh' });
    expect(result).toEqual({ echoed: 'abcdefgh', by: 5 });
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('refuses to register channels outside the allow-list or without the prefix', () => {
    const { router } = setup();
    expect(() => router.handle('confer:shell:exec' as InvokeChannel, Schema, () => 0)).toThrow(/allow-list/);
    expect(() => router.handle('picker:sources' as InvokeChannel, Schema, () => 0)).toThrow(/allow-list/);
    // A send channel is not an invoke channel and vice versa.
    expect(() => router.handle('confer:tray:state' as InvokeChannel, Schema, () => 0)).toThrow(/allow-list/);
    expect(() => router.on('confer:picker:choose' as SendChannel, Schema, () => 0)).toThrow(/allow-list/);
  });

  it.each([
    ['another origin', appFrame('https://evil.example/')],
    ['a look-alike host', appFrame('app://confer.evil/')],
    ['a file page', appFrame('file:///etc/passwd')],
    ['a subframe of the app', { senderFrame: { url: 'app://confer/', parent: {} }, sender: { id: 5 } }],
    ['a destroyed frame', { senderFrame: null, sender: { id: 5 } }],
  ])('refuses an invoke from %s and runs nothing', async (_label, event) => {
    const { ipc, handler, warnings } = setup();
    await expect(Promise.resolve(ipc.handlers.get('confer:picker:cancel')!(event as IpcEventLike, { requestId: 'abcdefgh' }))).rejects.toThrow(REFUSED_MESSAGE);
    expect(handler).not.toHaveBeenCalled();
    expect(warnings.join()).toMatch(/untrusted sender/);
  });

  it.each([
    ['a missing payload', []],
    ['a wrong type', [{ requestId: 42 }]],
    ['an extra key', [{ requestId: 'abcdefgh', sourceId: 'x' }]],
    ['too many arguments', [{ requestId: 'abcdefgh' }, 'more']],
    ['a prototype-polluting payload', [JSON.parse('{"__proto__": {"admin": true}, "requestId": "abcdefgh"}')]],
  ])('refuses %s and runs nothing', async (_label, args) => {
    const { ipc, handler } = setup();
    await expect(Promise.resolve(ipc.handlers.get('confer:picker:cancel')!(appFrame(), ...(args as unknown[])))).rejects.toThrow(REFUSED_MESSAGE);
    expect(handler).not.toHaveBeenCalled();
  });

  it('drops malformed or foreign fire-and-forget messages silently', () => {
    const { ipc, onState } = setup();
    const send = ipc.listeners.get('confer:tray:state')!;
    send(appFrame(), { inCall: 'yes', muted: false });
    send(appFrame('https://evil.example/'), { inCall: true, muted: false });
    expect(onState).not.toHaveBeenCalled();
    send(appFrame(), { inCall: true, muted: true });
    expect(onState).toHaveBeenCalledWith({ inCall: true, muted: true }, { webContentsId: 5 });
  });
});
