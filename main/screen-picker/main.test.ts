import { captureModeFor, createScreenPicker, toPublicSource, useSystemPickerFor } from './main';
import type { CaptureMode, CapturerPort, CapturerSourceLike, DisplayMediaRequestLike, ScreenAccess, StreamsAnswer } from './main';
import { PendingPickerRequests } from './pending';
import type { CloseReason, PickerOpen } from '../../protocol/ipc/picker';
import { displayMediaCallback41, waylandCapturer41 } from '../testing/electron41';

const PNG = 'data:image/png;base64,iVBORw0KGgo=';
const image = (url = PNG) => ({ toDataURL: () => url, isEmpty: () => url === 'data:image/png;base64,' });
const RAW: CapturerSourceLike[] = [
  { id: 'screen:0:0', name: 'Entire screen', thumbnail: image(), appIcon: null },
  { id: 'window:42:0', name: 'Editor', thumbnail: image(), appIcon: image() },
];

interface SetupOptions {
  platform?: string;
  raw?: CapturerSourceLike[];
  mode?: CaptureMode;
  capturer?: CapturerPort;
  screenAccess?: ScreenAccess;
}

function setup(platformOrOptions: string | SetupOptions = 'linux', raw = RAW) {
  const o: SetupOptions = typeof platformOrOptions === 'string' ? { platform: platformOrOptions, raw } : platformOrOptions;
  const opened: Array<{ owner: number; payload: PickerOpen }> = [];
  const ended: Array<{ owner: number; reason: CloseReason }> = [];
  const warnings: string[] = [];
  const guided: string[] = [];
  const getSources = jest.fn(async () => o.raw ?? RAW);
  const requests = new PendingPickerRequests({
    timeoutMs: 1000,
    newId: () => 'req-0000-0001',
    setTimer: () => 0,
    clearTimer: () => {},
    onEnded: (_id, owner, reason) => ended.push({ owner, reason }),
  });
  const picker = createScreenPicker({
    capturer: o.capturer ?? { getSources },
    requests,
    platform: o.platform ?? 'linux',
    mode: o.mode ?? 'picker',
    screenAccess: () => o.screenAccess ?? 'granted',
    guideToScreenSettings: () => guided.push('screen'),
    notifyOpen: (owner, payload) => opened.push({ owner, payload }),
    warn: (m) => warnings.push(m),
  });
  return { picker, opened, ended, warnings, guided, getSources };
}

const appRequest = (over: Partial<DisplayMediaRequestLike> = {}): DisplayMediaRequestLike => ({
  securityOrigin: 'app://confer',
  videoRequested: true,
  audioRequested: false,
  frame: { url: 'app://confer/room/standup' },
  ...over,
});

describe('screen picker (main half)', () => {
  it('parks the request, lists only bridge-safe fields, and resolves with the choice', async () => {
    const { picker, opened } = setup();
    const answers: StreamsAnswer[] = [];
    picker.onDisplayMediaRequest(appRequest(), 3, (s) => answers.push(s));
    expect(opened).toEqual([{ owner: 3, payload: { requestId: 'req-0000-0001', audioOffered: false } }]);
    const sources = await picker.listSources('req-0000-0001', 3);
    expect(sources).toEqual([
      { id: 'screen:0:0', name: 'Entire screen', thumbnail: PNG, appIcon: null },
      { id: 'window:42:0', name: 'Editor', thumbnail: PNG, appIcon: PNG },
    ]);
    expect(picker.choose({ requestId: 'req-0000-0001', sourceId: 'window:42:0', audio: false }, 3)).toBe(true);
    expect(answers).toEqual([{ video: { id: 'window:42:0', name: 'Editor' } }]);
  });

  it.each([
    ['another origin', { securityOrigin: 'https://evil.example' }],
    ['a frame showing another page', { frame: { url: 'https://evil.example/' } }],
    ['a destroyed frame', { frame: null }],
    ['no video', { videoRequested: false }],
  ])('denies a request from %s without opening the picker', (_label, over) => {
    const { picker, opened } = setup();
    const answers: StreamsAnswer[] = [];
    picker.onDisplayMediaRequest(appRequest(over), 3, (s) => answers.push(s));
    expect(answers).toEqual([null]);
    expect(opened).toEqual([]);
  });

  it('denies when the requesting web contents is unknown', () => {
    const { picker, opened } = setup();
    const answers: StreamsAnswer[] = [];
    picker.onDisplayMediaRequest(appRequest(), null, (s) => answers.push(s));
    expect(answers).toEqual([null]);
    expect(opened).toEqual([]);
  });

  it('offers system audio on Windows only', () => {
    const win = setup('win32');
    win.picker.onDisplayMediaRequest(appRequest({ audioRequested: true }), 3, () => {});
    expect(win.opened[0].payload.audioOffered).toBe(true);
    const mac = setup('darwin');
    mac.picker.onDisplayMediaRequest(appRequest({ audioRequested: true }), 3, () => {});
    expect(mac.opened[0].payload.audioOffered).toBe(false);
  });

  it('lists nothing (and captures nothing) for an unknown request', async () => {
    const { picker, getSources } = setup();
    expect(await picker.listSources('req-0000-0001', 3)).toEqual([]);
    expect(getSources).not.toHaveBeenCalled();
  });

  it('refuses a choice of a source it never listed', async () => {
    const { picker, warnings } = setup();
    const answers: StreamsAnswer[] = [];
    picker.onDisplayMediaRequest(appRequest(), 3, (s) => answers.push(s));
    expect(picker.choose({ requestId: 'req-0000-0001', sourceId: 'screen:0:0', audio: false }, 3)).toBe(false);
    expect(answers).toEqual([]);
    expect(warnings.join()).toMatch(/unknown-source/);
  });

  it('survives Electron throwing from the callback', async () => {
    const { picker, warnings } = setup();
    picker.onDisplayMediaRequest(appRequest(), 3, () => {
      throw new Error('video must be a WebFrameMain or DesktopCapturerSource');
    });
    await picker.listSources('req-0000-0001', 3);
    expect(picker.choose({ requestId: 'req-0000-0001', sourceId: 'screen:0:0', audio: false }, 3)).toBe(true);
    expect(warnings.join()).toMatch(/callback failed/);
  });

  it('drops sources whose fields do not fit the bridge contract', () => {
    expect(toPublicSource({ id: 'file:/etc/passwd', name: 'x', thumbnail: image(), appIcon: null })).toBeNull();
    expect(toPublicSource({ id: 'screen:0:0', name: 'x', thumbnail: image('data:text/html,<script>'), appIcon: null })).toBeNull();
    expect(toPublicSource({ id: 'window:1:0', name: 'y'.repeat(5000), thumbnail: image(), appIcon: image('data:image/png;base64,') })).toEqual({
      id: 'window:1:0',
      name: 'y'.repeat(512),
      thumbnail: PNG,
      appIcon: null,
    });
  });

  it('denies a cancelled pick with null, which Electron 41 accepts without a throw', () => {
    const { picker, warnings } = setup();
    const electron = displayMediaCallback41();
    picker.onDisplayMediaRequest(appRequest(), 3, electron.callback);
    expect(picker.cancel('req-0000-0001', 3)).toBe(true);
    expect(electron.results).toEqual([{ ok: false, name: 'AbortError', message: 'Error starting capture' }]);
    expect(warnings).toEqual([]);
  });

  it('denies a refused request with null too (an empty object would throw in Electron 41)', () => {
    const { picker, warnings } = setup();
    const electron = displayMediaCallback41();
    picker.onDisplayMediaRequest(appRequest({ securityOrigin: 'https://evil.example' }), 3, electron.callback);
    expect(electron.results).toHaveLength(1);
    expect(warnings.join()).not.toMatch(/callback failed/);
    expect(() => displayMediaCallback41().callback({})).toThrow('Video was requested, but no video stream was provided');
  });

  it('grants through Electron 41 callback without a throw', async () => {
    const { picker, warnings } = setup();
    const electron = displayMediaCallback41();
    picker.onDisplayMediaRequest(appRequest(), 3, electron.callback);
    await picker.listSources('req-0000-0001', 3);
    picker.choose({ requestId: 'req-0000-0001', sourceId: 'window:42:0', audio: false }, 3);
    expect(electron.results).toEqual([{ ok: true, video: { id: 'window:42:0', name: 'Editor' } }]);
    expect(warnings).toEqual([]);
  });

  it('tells the page why a request ended before denying it', () => {
    const { picker, ended } = setup();
    const order: string[] = [];
    picker.onDisplayMediaRequest(appRequest(), 3, (s) => order.push(`callback:${JSON.stringify(s)}`));
    const before = ended.length;
    picker.cancel('req-0000-0001', 3);
    expect(ended.slice(before)).toEqual([{ owner: 3, reason: 'cancelled' }]);
    expect(order).toEqual(['callback:null']);
  });
});

describe('screen picker on Linux under Wayland (portal)', () => {
  it('asks the portal once and grants its pick at once, without our picker', async () => {
    const portal = waylandCapturer41({ id: 'screen:1:0', name: 'Portal pick' });
    const { picker, opened } = setup({ mode: 'portal', capturer: portal });
    const electron = displayMediaCallback41();
    picker.onDisplayMediaRequest(appRequest(), 3, electron.callback);
    await new Promise((r) => setTimeout(r, 0));
    expect(portal.portalDialogs).toBe(1);
    expect(opened).toEqual([]);
    expect(electron.results).toEqual([{ ok: true, video: { id: 'screen:1:0', name: 'Portal pick' } }]);
  });

  it('reports a cancelled portal dialog as a cancel', async () => {
    const portal = waylandCapturer41(null);
    const { picker, ended } = setup({ mode: 'portal', capturer: portal });
    const electron = displayMediaCallback41();
    picker.onDisplayMediaRequest(appRequest(), 3, electron.callback);
    await new Promise((r) => setTimeout(r, 0));
    expect(portal.portalDialogs).toBe(1);
    expect(ended).toEqual([{ owner: 3, reason: 'cancelled' }]);
    expect(electron.results).toEqual([{ ok: false, name: 'AbortError', message: 'Error starting capture' }]);
  });

  it('reports a portal error as a failure', async () => {
    const { picker, ended } = setup({ mode: 'portal', capturer: { getSources: async () => Promise.reject(new Error('portal gone')) } });
    const electron = displayMediaCallback41();
    picker.onDisplayMediaRequest(appRequest(), 3, electron.callback);
    await new Promise((r) => setTimeout(r, 0));
    expect(ended).toEqual([{ owner: 3, reason: 'failed' }]);
    expect(electron.results).toHaveLength(1);
  });

  it('is chosen from the session type', () => {
    expect(captureModeFor('linux', { XDG_SESSION_TYPE: 'wayland' })).toBe('portal');
    expect(captureModeFor('linux', { WAYLAND_DISPLAY: 'wayland-0' })).toBe('portal');
    expect(captureModeFor('linux', { XDG_SESSION_TYPE: 'x11', DISPLAY: ':0' })).toBe('picker');
    expect(captureModeFor('win32', { WAYLAND_DISPLAY: 'wayland-0' })).toBe('picker');
  });
});

describe('screen picker on macOS', () => {
  it.each(['denied', 'restricted'] as const)('guides to System Settings when screen recording is %s, without opening the picker', (access) => {
    const { picker, opened, ended, guided } = setup({ platform: 'darwin', screenAccess: access });
    const electron = displayMediaCallback41();
    picker.onDisplayMediaRequest(appRequest(), 3, electron.callback);
    expect(opened).toEqual([]);
    expect(guided).toEqual(['screen']);
    expect(ended).toEqual([{ owner: 3, reason: 'screen-access-denied' }]);
    expect(electron.results).toEqual([{ ok: false, name: 'AbortError', message: 'Error starting capture' }]);
  });

  it.each(['granted', 'not-determined'] as const)('opens the picker when access is %s', (access) => {
    const { picker, opened, guided } = setup({ platform: 'darwin', screenAccess: access });
    picker.onDisplayMediaRequest(appRequest(), 3, () => {});
    expect(opened).toHaveLength(1);
    expect(guided).toEqual([]);
  });

  it('uses the system picker from macOS 15 (Darwin 24) only', () => {
    expect(useSystemPickerFor('darwin', '24.1.0')).toBe(true);
    expect(useSystemPickerFor('darwin', '23.6.0')).toBe(false);
    expect(useSystemPickerFor('linux', '24.0.0')).toBe(false);
    expect(useSystemPickerFor('darwin', 'garbage')).toBe(false);
  });
});
