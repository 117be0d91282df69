import { execFileSync } from 'node:child_process';
import { TrayController } from './tray';
import type { TrayPort } from './tray';
import type { TrayMenuItem } from './menu';
import { buildTrayMenu, trayTooltip } from './menu';
import { hasTrayHost, NAME_HAS_OWNER_ARGS } from './host';
import { createTrayImage } from './image';
import { MAC_TRAY_TEMPLATE_PNG_BASE64, TRAY_ICON_PNG_BASE64 } from './icon';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decideClose } from '../window/close-policy';
import { TRAY_HOST_PRESENT_OUTPUT_41, trayWithoutHost41 } from '../testing/electron41';

function fakeTray() {
  const state = { tooltip: '', menu: [] as TrayMenuItem[], destroyed: false, click: null as null | (() => void) };
  const port: TrayPort = {
    setToolTip: (t) => void (state.tooltip = t),
    setContextMenu: (m) => void (state.menu = m as TrayMenuItem[]),
    on: (_e, l) => void (state.click = l),
    destroy: () => void (state.destroyed = true),
  };
  return { state, port };
}

function setup(createTray: () => TrayPort) {
  const calls: string[] = [];
  const builds: TrayMenuItem[][] = [];
  const tray = new TrayController({
    createTray,
    buildMenu: (items) => {
      builds.push(items);
      return items;
    },
    actions: { callAction: (a) => calls.push(`call:${a}`), showWindow: () => calls.push('show'), quit: () => calls.push('quit') },
    warn: () => {},
  });
  return { tray, calls, builds };
}

const labels = (items: TrayMenuItem[]) => items.map((i) => (i.type === 'separator' ? '---' : i.label));
const click = (items: TrayMenuItem[], id: string) => {
  const item = items.find((i) => i.type === 'normal' && i.id === id);
  if (!item || item.type !== 'normal') throw new Error(`no ${id}`);
  item.click();
};

describe('tray menu', () => {
  it('offers the settings window after Show Confer when the app gives it', () => {
    const opened: string[] = [];
    const menu = buildTrayMenu({ inCall: true, muted: false }, { callAction: () => {}, showWindow: () => {}, openSettings: () => opened.push('settings'), quit: () => {} });
    expect(labels(menu)).toEqual(['Mute microphone', 'Leave call', '---', 'Show Confer', 'Settings…', '---', 'Quit Confer']);
    const item = menu.find((i) => i.type === 'normal' && i.id === 'settings');
    if (item?.type === 'normal') item.click();
    expect(opened).toEqual(['settings']);
  });

  it('outside a call offers only show and quit', () => {
    const menu = buildTrayMenu({ inCall: false, muted: false }, { callAction: () => {}, showWindow: () => {}, quit: () => {} });
    expect(labels(menu)).toEqual(['Show Confer', '---', 'Quit Confer']);
    expect(trayTooltip({ inCall: false, muted: true })).toBe('Confer');
  });

  it('in a call offers mute or unmute by state, and leave', () => {
    const noop = { callAction: () => {}, showWindow: () => {}, quit: () => {} };
    expect(labels(buildTrayMenu({ inCall: true, muted: false }, noop))).toEqual(['Mute microphone', 'Leave call', '---', 'Show Confer', '---', 'Quit Confer']);
    expect(labels(buildTrayMenu({ inCall: true, muted: true }, noop))[0]).toBe('Unmute microphone');
    expect(trayTooltip({ inCall: true, muted: true })).toBe('Confer — in a call (muted)');
  });

  it('says so while the meeting is being recorded (first, and not clickable), only during a call', () => {
    const noop = { callAction: () => {}, showWindow: () => {}, quit: () => {} };
    const menu = buildTrayMenu({ inCall: true, muted: false, recording: true }, noop);
    expect(labels(menu)).toEqual(['● This meeting is being recorded', 'Mute microphone', 'Leave call', '---', 'Show Confer', '---', 'Quit Confer']);
    expect(menu[0]).toMatchObject({ enabled: false });
    expect(trayTooltip({ inCall: true, muted: true, recording: true })).toBe('Confer — in a call (recording, muted)');
    expect(labels(buildTrayMenu({ inCall: false, muted: false, recording: true }, noop))).toEqual(['Show Confer', '---', 'Quit Confer']);
  });

  it('while sharing offers to stop the share, which goes to the renderer as stop-share', () => {
    const sent: string[] = [];
    const menu = buildTrayMenu({ inCall: true, muted: true, sharing: true }, { callAction: (a) => sent.push(a), showWindow: () => {}, quit: () => {} });
    expect(labels(menu)).toEqual(['Unmute microphone', 'Stop sharing screen', 'Leave call', '---', 'Show Confer', '---', 'Quit Confer']);
    const stop = menu.find((i) => i.type === 'normal' && i.id === 'stop-share');
    if (stop?.type === 'normal') stop.click();
    expect(sent).toEqual(['stop-share']);
    expect(trayTooltip({ inCall: true, muted: true, sharing: true })).toBe('Confer — in a call (muted, sharing your screen)');
    // Not in a call: no share entry whatever the flag says.
    expect(labels(buildTrayMenu({ inCall: false, muted: false, sharing: true }, { callAction: () => {}, showWindow: () => {}, quit: () => {} }))).toEqual(['Show Confer', '---', 'Quit Confer']);
  });
});

describe('TrayController', () => {
  it('follows the call state and routes menu clicks', () => {
    const fake = fakeTray();
    const { tray, calls, builds } = setup(() => fake.port);
    expect(tray.start()).toBe(true);
    expect(fake.state.tooltip).toBe('Confer');
    tray.update({ inCall: true, muted: false });
    expect(fake.state.tooltip).toBe('Confer — in a call');
    click(fake.state.menu, 'toggle-mute');
    click(fake.state.menu, 'leave');
    click(fake.state.menu, 'show');
    click(fake.state.menu, 'quit');
    fake.state.click!();
    expect(calls).toEqual(['call:toggle-mute', 'call:leave', 'show', 'quit', 'show']);
    const before = builds.length;
    tray.update({ inCall: true, muted: false });
    expect(builds.length).toBe(before); // no change, no rebuild
    tray.update({ inCall: false, muted: true });
    expect(tray.callState).toEqual({ inCall: false, muted: false, sharing: false, waiting: 0, recording: false });
    expect(labels(fake.state.menu)).toEqual(['Show Confer', '---', 'Quit Confer']);
  });

  it('says who waits to join, and raises an OS notification only when someone new knocks', () => {
    const fake = fakeTray();
    const notes: string[] = [];
    const tray = new TrayController({
      createTray: () => fake.port,
      buildMenu: (items) => items,
      actions: { callAction: () => {}, showWindow: () => notes.push('show'), quit: () => {} },
      warn: () => {},
      notify: (title, body) => notes.push(`${title}: ${body}`),
    });
    tray.start();
    tray.update({ inCall: true, muted: false, waiting: 1 });
    expect(labels(fake.state.menu)).toContain('1 waiting to join…');
    expect(fake.state.tooltip).toBe('Confer — in a call (1 waiting)');
    tray.update({ inCall: true, muted: false, waiting: 2 });
    tray.update({ inCall: true, muted: false, waiting: 1 }); // one let in: no notification
    click(fake.state.menu, 'waiting');
    expect(notes).toEqual(['Waiting to join: Someone is waiting to join your meeting.', 'Waiting to join: 2 people are waiting to join your meeting.', 'show']);
    tray.update({ inCall: false, muted: false, waiting: 3 }); // out of the call: nobody to tell
    expect(notes).toHaveLength(3);
  });

  it('reports no tray where the platform has none', () => {
    const { tray } = setup(() => {
      throw new Error('no StatusNotifier');
    });
    expect(tray.start()).toBe(false);
    expect(tray.available).toBe(false);
    tray.update({ inCall: true, muted: true }); // still tracks state, renders nothing
    expect(tray.callState.inCall).toBe(true);
  });
});

describe('tray host (Linux)', () => {
  it('asks the session bus for a StatusNotifier host', async () => {
    const calls: Array<readonly string[]> = [];
    const run = async (file: string, args: readonly string[]) => {
      calls.push([file, ...args]);
      return TRAY_HOST_PRESENT_OUTPUT_41;
    };
    expect(await hasTrayHost('linux', {}, run)).toBe(true);
    expect(calls).toEqual([['gdbus', ...NAME_HAS_OWNER_ARGS]]);
  });

  it('on stock GNOME, where new Tray() succeeds but nothing is shown, reports no tray and the window minimizes', async () => {
    const gnome = trayWithoutHost41();
    const host = await hasTrayHost('linux', { XDG_CURRENT_DESKTOP: 'GNOME' }, async () => gnome.nameHasOwnerOutput);
    expect(host).toBe(false);
    const { tray } = setup(() => gnome.tray);
    expect(tray.start(host)).toBe(false);
    expect(tray.available).toBe(false);
    expect(decideClose({ inCall: true, closeToTray: 'in-call', quitting: false, trayAvailable: tray.available })).toBe('minimize');
  });

  it('without gdbus judges by the desktop; Windows and macOS always have a tray', async () => {
    const fail = async () => Promise.reject(new Error('ENOENT'));
    expect(await hasTrayHost('linux', { XDG_CURRENT_DESKTOP: 'ubuntu:GNOME' }, fail)).toBe(false);
    expect(await hasTrayHost('linux', { XDG_CURRENT_DESKTOP: 'KDE' }, fail)).toBe(true);
    expect(await hasTrayHost('win32', {}, fail)).toBe(true);
    expect(await hasTrayHost('darwin', {}, fail)).toBe(true);
  });
});

describe('tray image', () => {
  function fakeFactory() {
    const log: string[] = [];
    const image = () => ({
      addRepresentation: (o: { scaleFactor: number; dataURL: string }) => void log.push(`rep@${o.scaleFactor}:${o.dataURL.length}`),
      setTemplateImage: (t: boolean) => void log.push(`template:${t}`),
    });
    return { log, factory: { createEmpty: () => (log.push('empty'), image()), createFromDataURL: (u: string) => (log.push(`url:${u.slice(0, 21)}`), image()) } };
  }
  const size = (b64: string) => {
    const png = Buffer.from(b64, 'base64');
    return [png.readUInt32BE(16), png.readUInt32BE(20)];
  };

  it('on macOS is a 16-point template image with its @2x bitmap', () => {
    const f = fakeFactory();
    createTrayImage(f.factory, 'darwin');
    expect(f.log.map((l) => l.replace(/:\d+$/, ''))).toEqual(['empty', 'rep@1', 'rep@2', 'template:true']);
    expect(size(MAC_TRAY_TEMPLATE_PNG_BASE64.x1)).toEqual([16, 16]);
    expect(size(MAC_TRAY_TEMPLATE_PNG_BASE64.x2)).toEqual([32, 32]);
  });

  it('is the coloured icon elsewhere', () => {
    const f = fakeFactory();
    createTrayImage(f.factory, 'win32');
    expect(f.log).toEqual(['url:data:image/png;base64']);
  });

  it('embeds the same small files as build/, which are what build/icon.svg gives (build/icons.mjs)', () => {
    const root = join(__dirname, '..', '..', 'build');
    execFileSync(process.execPath, [join(root, 'icons.mjs'), '--check'], { stdio: 'pipe' });
    expect(readFileSync(join(root, 'trayIcon.png')).toString('base64')).toBe(TRAY_ICON_PNG_BASE64);
    expect(size(TRAY_ICON_PNG_BASE64)).toEqual([32, 32]);
    expect(readFileSync(join(root, 'trayTemplate.png')).toString('base64')).toBe(MAC_TRAY_TEMPLATE_PNG_BASE64.x1);
    expect(readFileSync(join(root, 'trayTemplate@2x.png')).toString('base64')).toBe(MAC_TRAY_TEMPLATE_PNG_BASE64.x2);
    expect(Buffer.from(MAC_TRAY_TEMPLATE_PNG_BASE64.x2, 'base64').length).toBeLessThan(2048);
  }, 60_000); // icons.mjs draws the 512 px icon too: about 2 s, longer on a loaded machine
});
