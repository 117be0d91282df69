import { TrayController } from './tray';
import type { TrayPort } from './tray';
import type { TrayMenuItem } from './menu';
import { buildTrayMenu, trayTooltip } from './menu';

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
    expect(tray.callState).toEqual({ inCall: false, muted: false, sharing: false });
    expect(labels(fake.state.menu)).toEqual(['Show Confer', '---', 'Quit Confer']);
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
