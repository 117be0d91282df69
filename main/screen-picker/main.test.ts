import { createScreenPicker, toPublicSource } from './main';
import type { CapturerSourceLike, DisplayMediaRequestLike, StreamsAnswer } from './main';
import { PendingPickerRequests } from './pending';
import type { PickerOpen } from '../../protocol/ipc/picker';

const PNG = 'data:image/png;base64,iVBORw0KGgo=';
const image = (url = PNG) => ({ toDataURL: () => url, isEmpty: () => url === 'data:image/png;base64,' });
const RAW: CapturerSourceLike[] = [
  { id: 'screen:0:0', name: 'Entire screen', thumbnail: image(), appIcon: null },
  { id: 'window:42:0', name: 'Editor', thumbnail: image(), appIcon: image() },
];

function setup(platform = 'linux', raw = RAW) {
  const opened: Array<{ owner: number; payload: PickerOpen }> = [];
  const warnings: string[] = [];
  const getSources = jest.fn(async () => raw);
  const requests = new PendingPickerRequests({
    timeoutMs: 1000,
    newId: () => 'req-0000-0001',
    setTimer: () => 0,
    clearTimer: () => {},
    onEnded: () => {},
  });
  const picker = createScreenPicker({
    capturer: { getSources },
    requests,
    platform,
    notifyOpen: (owner, payload) => opened.push({ owner, payload }),
    warn: (m) => warnings.push(m),
  });
  return { picker, opened, warnings, getSources };
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
    expect(answers).toEqual([{}]);
    expect(opened).toEqual([]);
  });

  it('denies when the requesting web contents is unknown', () => {
    const { picker, opened } = setup();
    const answers: StreamsAnswer[] = [];
    picker.onDisplayMediaRequest(appRequest(), null, (s) => answers.push(s));
    expect(answers).toEqual([{}]);
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
});
