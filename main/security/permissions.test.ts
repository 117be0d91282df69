import { allowPermissionCheck, allowPermissionRequest, installPermissionHandlers } from './permissions';
import type { PermissionSessionPort } from './permissions';
import { isAppOrigin, isAppUrl } from './origin';
import { displayCapturePermission41, displayCapturePermission45, macSystemPreferences41, userMediaPermission41 } from '../testing/electron41';
import { askForDeviceAccess, screenAccess } from './mac-media-access';

const APP = 'app://confer/room/standup';

describe('permission requests', () => {
  it('grants camera, microphone, screen capture and clipboard writes to the app page', () => {
    expect(allowPermissionRequest('media', { requestingUrl: APP, mediaTypes: ['video', 'audio'], isMainFrame: true })).toBe(true);
    expect(allowPermissionRequest('media', { requestingUrl: APP, mediaTypes: ['audio'] })).toBe(true);
    expect(allowPermissionRequest('display-capture', { requestingUrl: APP })).toBe(true);
    expect(allowPermissionRequest('clipboard-sanitized-write', { requestingUrl: APP })).toBe(true);
  });

  it('grants notifications to the app page only, on request and on check', () => {
    expect(allowPermissionRequest('notifications', { requestingUrl: APP, isMainFrame: true })).toBe(true);
    expect(allowPermissionCheck('notifications', 'app://confer', { requestingUrl: APP })).toBe(true);
    expect(allowPermissionCheck('notifications', 'https://evil.example', {})).toBe(false);
    expect(allowPermissionCheck('notifications', 'app://confer', { requestingUrl: 'https://evil.example/' })).toBe(false);
  });

  it.each([
    ['media', { requestingUrl: 'https://evil.example/', mediaTypes: ['video'] }],
    ['media', { requestingUrl: 'file:///tmp/x.html', mediaTypes: ['video'] }],
    ['media', { requestingUrl: 'app://confer.evil/', mediaTypes: ['video'] }],
    ['media', { requestingUrl: 'app://evil@confer/', mediaTypes: ['video'] }],
    ['media', { mediaTypes: ['video'] }],
    ['media', { requestingUrl: 'https://evil.example/', mediaTypes: [] }],
    ['media', { requestingUrl: APP, mediaTypes: [], isMainFrame: false }],
    ['media', { requestingUrl: APP, mediaTypes: ['video', 'unknown'] }],
    ['media', { requestingUrl: APP, mediaTypes: ['video'], isMainFrame: false }],
    ['display-capture', { requestingUrl: 'https://evil.example/' }],
    ['geolocation', { requestingUrl: APP }],
    ['notifications', { requestingUrl: 'https://evil.example/' }],
    ['notifications', { requestingUrl: 'app://confer.evil/' }],
    ['notifications', { requestingUrl: APP, isMainFrame: false }],
    ['openExternal', { requestingUrl: APP }],
    ['clipboard-read', { requestingUrl: APP }],
    ['midiSysex', { requestingUrl: APP }],
    ['unknown', { requestingUrl: APP }],
  ])('refuses %s for %j', (permission, details) => {
    expect(allowPermissionRequest(permission, details)).toBe(false);
  });
});

describe('display capture, as each Electron asks for it', () => {
  it.each([
    ['Electron 41 (media, no media types)', displayCapturePermission41],
    ['Electron 45+ (display-capture)', displayCapturePermission45],
  ])('%s: granted to the app page', (_label, shape) => {
    const { permission, details } = shape(APP);
    expect(allowPermissionRequest(permission, details)).toBe(true);
  });

  it.each([
    ['Electron 41', displayCapturePermission41],
    ['Electron 45+', displayCapturePermission45],
  ])('%s: refused to every other origin', (_label, shape) => {
    for (const url of ['https://evil.example/', 'app://confer.evil/', 'file:///tmp/x.html']) {
      const { permission, details } = shape(url);
      expect(allowPermissionRequest(permission, details)).toBe(false);
    }
  });

  it('still grants camera and microphone in the Electron 41 shape', () => {
    const { permission, details } = userMediaPermission41(APP, ['audio', 'video']);
    expect(allowPermissionRequest(permission, details)).toBe(true);
  });

  it('reaches the app page through the installed handler', () => {
    let request: Parameters<PermissionSessionPort['setPermissionRequestHandler']>[0] | null = null;
    installPermissionHandlers({ setPermissionRequestHandler: (h) => (request = h), setPermissionCheckHandler: () => {} });
    const answers: boolean[] = [];
    const own = displayCapturePermission41(APP);
    request!(null, own.permission, (ok) => answers.push(ok), own.details);
    const foreign = displayCapturePermission41('https://evil.example/');
    request!(null, foreign.permission, (ok) => answers.push(ok), foreign.details);
    expect(answers).toEqual([true, false]);
  });
});

describe('permission checks', () => {
  it('answers true only for the app origin and the allowed permissions', () => {
    expect(allowPermissionCheck('media', 'app://confer', { mediaType: 'video' })).toBe(true);
    expect(allowPermissionCheck('media', 'app://confer/', { mediaType: 'unknown', requestingUrl: APP })).toBe(true);
    expect(allowPermissionCheck('media', 'https://evil.example', { mediaType: 'video' })).toBe(false);
    expect(allowPermissionCheck('media', 'app://confer', { requestingUrl: 'https://evil.example/' })).toBe(false);
    expect(allowPermissionCheck('media', 'app://confer', { mediaType: 'screen' })).toBe(false);
    expect(allowPermissionCheck('geolocation', 'app://confer', {})).toBe(false);
    expect(allowPermissionCheck('clipboard-read', 'app://confer', {})).toBe(false);
  });
});

describe('installPermissionHandlers', () => {
  it('installs handlers that apply the policy', async () => {
    let request: Parameters<PermissionSessionPort['setPermissionRequestHandler']>[0] | null = null;
    let check: Parameters<PermissionSessionPort['setPermissionCheckHandler']>[0] | null = null;
    installPermissionHandlers({ setPermissionRequestHandler: (h) => (request = h), setPermissionCheckHandler: (h) => (check = h) });
    const answers: boolean[] = [];
    request!(null, 'media', (ok) => answers.push(ok), { requestingUrl: APP, mediaTypes: ['video'] });
    request!(null, 'media', (ok) => answers.push(ok), { requestingUrl: 'https://evil.example/', mediaTypes: ['video'] });
    await new Promise((r) => setTimeout(r, 0)); // a granted device request is answered after the macOS check
    expect(answers.sort()).toEqual([false, true]);
    expect(check!(null, 'media', 'app://confer', {})).toBe(true);
    expect(check!(null, 'hid', 'app://confer', {})).toBe(false);
  });
});

describe('origin helpers', () => {
  it('match the app by parts, not by prefix', () => {
    expect(isAppUrl('app://confer/')).toBe(true);
    expect(isAppUrl('app://confer:1234/')).toBe(false);
    expect(isAppUrl('app://confer.evil/')).toBe(false);
    expect(isAppUrl('APP://confer/')).toBe(true); // URL lower-cases the scheme, as Chromium does
    expect(isAppUrl(undefined)).toBe(false);
    expect(isAppOrigin('app://confer')).toBe(true);
    expect(isAppOrigin('app://conferx')).toBe(false);
    expect(isAppOrigin('null')).toBe(false);
  });
});

describe('macOS camera and microphone access', () => {
  it('asks macOS for each device still not determined before answering the page', async () => {
    const prefs = macSystemPreferences41({ camera: 'not-determined', microphone: 'granted', screen: 'granted' });
    let request: Parameters<PermissionSessionPort['setPermissionRequestHandler']>[0] | null = null;
    installPermissionHandlers(
      { setPermissionRequestHandler: (h) => (request = h), setPermissionCheckHandler: () => {} },
      (types) => askForDeviceAccess('darwin', prefs, types, () => {}),
    );
    const answered = new Promise<boolean>((resolve) => {
      const { permission, details } = userMediaPermission41(APP, ['audio', 'video']);
      request!(null, permission, resolve, details);
    });
    expect(await answered).toBe(true);
    expect(prefs.asked).toEqual(['camera']);
  });

  it('does not ask again once decided, nor on other platforms, nor for foreign pages', async () => {
    const decided = macSystemPreferences41({ camera: 'denied', microphone: 'granted', screen: 'granted' });
    await askForDeviceAccess('darwin', decided, ['audio', 'video'], () => {});
    expect(decided.asked).toEqual([]);
    const open = macSystemPreferences41({ camera: 'not-determined', microphone: 'not-determined', screen: 'granted' });
    await askForDeviceAccess('win32', open, ['audio', 'video'], () => {});
    expect(open.asked).toEqual([]);
    let request: Parameters<PermissionSessionPort['setPermissionRequestHandler']>[0] | null = null;
    installPermissionHandlers({ setPermissionRequestHandler: (h) => (request = h), setPermissionCheckHandler: () => {} }, (types) =>
      askForDeviceAccess('darwin', open, types, () => {}),
    );
    const answers: boolean[] = [];
    const foreign = userMediaPermission41('https://evil.example/', ['video']);
    request!(null, foreign.permission, (ok) => answers.push(ok), foreign.details);
    expect(answers).toEqual([false]);
    expect(open.asked).toEqual([]);
  });

  it('reads screen-recording access on macOS only', () => {
    expect(screenAccess('darwin', macSystemPreferences41({ camera: 'granted', microphone: 'granted', screen: 'denied' }))).toBe('denied');
    expect(screenAccess('linux', macSystemPreferences41({ camera: 'granted', microphone: 'granted', screen: 'denied' }))).toBe('granted');
  });
});
