import { APP_USER_MODEL_ID, applyAppIdentity } from './identity';
import { applicationMenuTemplate } from './menu';
import { isAbortedLoad, loadPage } from './load-page';
import { registersProtocolAtRuntime } from './protocol-client';
import { abortedLoad41, LoadingWindow41 } from '../testing/electron41';
import type { MenuItemConstructorOptions } from 'electron';

describe('app identity', () => {
  it('sets the AppUserModelID on Windows only', () => {
    for (const [platform, expected] of [['win32', [APP_USER_MODEL_ID]], ['darwin', []], ['linux', []]] as const) {
      const set: string[] = [];
      applyAppIdentity({ setAppUserModelId: (id) => set.push(id) }, platform);
      expect(set).toEqual(expected);
    }
  });
});

describe('application menu', () => {
  const roles = (items: MenuItemConstructorOptions[]): string[] =>
    items.flatMap((i) => [...(i.role ? [String(i.role)] : []), ...(Array.isArray(i.submenu) ? roles(i.submenu) : [])]);

  it('is removed on Windows and Linux', () => {
    expect(applicationMenuTemplate('win32')).toBeNull();
    expect(applicationMenuTemplate('linux')).toBeNull();
  });

  it('on macOS keeps quit and copy/paste, but nothing that reloads the call or opens DevTools', () => {
    const mac = roles(applicationMenuTemplate('darwin') ?? []);
    expect(mac).toEqual(expect.arrayContaining(['quit', 'copy', 'paste']));
    for (const forbidden of ['reload', 'forceReload', 'toggleDevTools', 'viewMenu', 'fileMenu']) expect(mac).not.toContain(forbidden);
  });

  it('on macOS opens the settings window from Confer › Settings… (Cmd+,)', () => {
    const opened: string[] = [];
    const appMenu = applicationMenuTemplate('darwin', { openSettings: () => opened.push('settings') })![0].submenu as MenuItemConstructorOptions[];
    const item = appMenu.find((i) => i.id === 'settings')!;
    expect(item).toMatchObject({ label: 'Settings…', accelerator: 'CommandOrControl+,' });
    (item.click as () => void)();
    expect(opened).toEqual(['settings']);
  });
});

describe('loading pages', () => {
  it('a load replaced by a newer one (ERR_ABORTED in Electron 41) settles quietly', async () => {
    const win = new LoadingWindow41();
    const warnings: string[] = [];
    const first = loadPage(win, 'app://confer/', (m) => warnings.push(m));
    const second = loadPage(win, 'app://confer/room/standup', (m) => warnings.push(m));
    await expect(Promise.all([first, second])).resolves.toEqual([undefined, undefined]);
    expect(win.loads).toEqual(['app://confer/', 'app://confer/room/standup']);
    expect(warnings).toEqual([]);
  });

  it('the same two loads straight on Electron reject the first with ERR_ABORTED', async () => {
    const win = new LoadingWindow41();
    const first = win.loadURL('app://confer/');
    void win.loadURL('app://confer/room/x');
    await expect(first).rejects.toMatchObject({ code: 'ERR_ABORTED', errno: -3 });
  });

  it('logs other load errors', async () => {
    const warnings: string[] = [];
    await loadPage({ loadURL: async () => Promise.reject(Object.assign(new Error('ERR_FILE_NOT_FOUND (-6)'), { code: 'ERR_FILE_NOT_FOUND', errno: -6 })) }, 'app://confer/x', (m) => warnings.push(m));
    expect(warnings).toEqual([expect.stringMatching(/ERR_FILE_NOT_FOUND/)]);
    expect(isAbortedLoad(abortedLoad41('app://confer/'))).toBe(true);
    expect(isAbortedLoad(new Error('x'))).toBe(false);
  });
});

describe('protocol registration at run time', () => {
  it('leaves packaged Windows builds to their installers, registers elsewhere and in development', () => {
    expect(registersProtocolAtRuntime('win32', true)).toBe(false);
    expect(registersProtocolAtRuntime('win32', false)).toBe(true);
    expect(registersProtocolAtRuntime('darwin', true)).toBe(true);
    expect(registersProtocolAtRuntime('linux', true)).toBe(true);
  });
});
