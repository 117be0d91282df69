import fc from 'fast-check';
import { ROOM_NAME_PATTERN } from '../../protocol/limits';
import { findLinkInArgv, MAX_LINK_LENGTH, parseDeepLink } from './parse';
import { createDeepLinkController, roomUrl } from './controller';
import { LinkInbox } from './inbox';
import { startPageUrl } from './start-page';
import { registerEarlyAppEvents } from '../app/early-events';
import type { EarlyAppPort } from '../app/early-events';

const opts = { serverUrl: 'https://meet.example.com' };

describe('parseDeepLink', () => {
  it.each([
    ['confer://join/standup', 'standup'],
    ['confer://join/Team_42-a/', 'Team_42-a'],
    ['confer://join/standup?from=mail', 'standup'],
    ['https://meet.example.com/room/standup', 'standup'],
    ['https://meet.example.com/room/standup/', 'standup'],
  ])('accepts %s', (link, room) => {
    expect(parseDeepLink(link, opts)).toEqual({ room });
  });

  it.each([
    'javascript:alert(1)',
    'javascript://join/standup',
    'file:///etc/passwd',
    'file://join/standup',
    'data:text/html,<script>alert(1)</script>',
    'app://confer/room/standup',
    'http://meet.example.com/room/standup', // invite links must be https
    'https://evil.example/room/standup',
    'https://meet.example.com.evil.example/room/standup',
    'https://meet.example.com:8443/room/standup', // another port is another origin
    'https://user:pw@meet.example.com/room/standup',
    'https://meet.example.com/room/standup/extra',
    'https://meet.example.com/room/..%2f..%2fetc',
    'https://meet.example.com/room/%2e%2e',
    'https://meet.example.com/ROOM/standup',
    'confer://join/../../etc/passwd',
    'confer://join/%2e%2e%2fetc',
    'confer://join/a%00b',
    'confer://join/-starts-with-dash',
    'confer://join/has.dot',
    'confer://join/' + 'a'.repeat(65),
    'confer://join/',
    'confer://join',
    'confer://join/a/b',
    'confer://JOIN/standup',
    'confer://evil/standup',
    'confer://user@join/standup',
    'confer://join:99/standup',
    'confer:join/standup',
    'confer:///join/standup',
    'confer://join/stand up',
    ' confer://join/standup',
    'confer://join/standup\n',
    'confer://join/\u0000',
    'confer://join/ständup',
    'confer://join/' + 'a'.repeat(MAX_LINK_LENGTH),
    '',
  ])('refuses %j', (link) => {
    expect(parseDeepLink(link, opts)).toBeNull();
  });

  it('refuses non-strings', () => {
    for (const v of [null, undefined, 42, {}, ['confer://join/a'], { toString: () => 'confer://join/a' }]) {
      expect(parseDeepLink(v, opts)).toBeNull();
    }
  });

  it('accepts no https links when no https server is configured', () => {
    expect(parseDeepLink('https://meet.example.com/room/a', { serverUrl: null })).toBeNull();
    expect(parseDeepLink('http://localhost:8080/room/a', { serverUrl: 'http://localhost:8080' })).toBeNull();
    expect(parseDeepLink('confer://join/a', { serverUrl: null })).toEqual({ room: 'a' });
  });

  it('only ever returns valid room names, whatever the input', () => {
    const hostile = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.string({ maxLength: 80 }).map((s) => `confer://join/${s}`),
      fc.string({ maxLength: 80 }).map((s) => `https://meet.example.com/room/${s}`),
      fc.webUrl(),
    );
    fc.assert(
      fc.property(hostile, (link) => {
        const parsed = parseDeepLink(link, opts);
        return parsed === null || ROOM_NAME_PATTERN.test(parsed.room);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('findLinkInArgv', () => {
  it('finds a link among arguments and skips flags', () => {
    const argv = ['/opt/Confer/confer', '--allow-file-access-from-files', 'confer://join/standup'];
    expect(findLinkInArgv(argv, opts)).toEqual({ room: 'standup' });
    expect(findLinkInArgv(['/opt/Confer/confer', '--inspect=confer://join/x'], opts)).toBeNull();
    // argv[0] is the executable, never a link.
    expect(findLinkInArgv(['confer://join/standup'], opts)).toBeNull();
  });
});

describe('deep-link controller', () => {
  function setup(inCall: boolean) {
    const opened: string[] = [];
    const asked: string[] = [];
    const c = createDeepLinkController({
      options: () => opts,
      isInCall: () => inCall,
      openUrl: (u) => opened.push(u),
      askRenderer: (r) => asked.push(r),
      warn: () => {},
    });
    return { c, opened, asked };
  }

  it('opens the lobby outside a call and asks the renderer during one', () => {
    const idle = setup(false);
    expect(idle.c.handle({ kind: 'url', url: 'confer://join/standup' })).toBe(true);
    expect(idle.opened).toEqual([roomUrl('standup')]);
    expect(idle.opened[0]).toBe('app://confer/room/standup');
    const busy = setup(true);
    busy.c.handle({ kind: 'argv', argv: ['exe', 'https://meet.example.com/room/retro'] });
    expect(busy.asked).toEqual(['retro']);
    expect(busy.opened).toEqual([]);
  });

  it('does nothing for a hostile link', () => {
    const s = setup(false);
    expect(s.c.handle({ kind: 'url', url: 'javascript:alert(1)' })).toBe(false);
    expect(s.c.handle({ kind: 'argv', argv: ['exe', '--flag'] })).toBe(false);
    expect(s.opened).toEqual([]);
    expect(s.asked).toEqual([]);
  });
});

describe('LinkInbox', () => {
  it('keeps early links (bounded) and delivers them in order once attached', () => {
    const inbox = new LinkInbox();
    for (let i = 0; i < 20; i++) inbox.push({ kind: 'url', url: `confer://join/r${i}` });
    const got: string[] = [];
    inbox.attach((i) => got.push(i.kind === 'url' ? i.url : i.argv.join(' ')));
    expect(got).toHaveLength(LinkInbox.MAX_EARLY);
    expect(got[0]).toBe('confer://join/r0');
    inbox.push({ kind: 'url', url: 'confer://join/late' });
    expect(got[got.length - 1]).toBe('confer://join/late');
  });
});

describe('start-up links', () => {
  /** Electron's app as an event emitter: what registerEarlyAppEvents listens to. */
  function fakeApp() {
    const listeners: Record<string, (...args: unknown[]) => void> = {};
    const app = { on: (event: string, l: (...args: unknown[]) => void) => void (listeners[event] = l) } as unknown as EarlyAppPort;
    return { app, emit: (event: string, ...args: unknown[]) => listeners[event](...args) };
  }
  const roomOf = createDeepLinkController({ options: () => opts, isInCall: () => false, openUrl: () => {}, askRenderer: () => {}, warn: () => {} }).roomOf;

  it('keeps a link from a second instance started while settings still load, and opens its room first', () => {
    const { app, emit } = fakeApp();
    const inbox = new LinkInbox();
    const shown: string[] = [];
    registerEarlyAppEvents(app, inbox, () => shown.push('show'));
    inbox.push({ kind: 'argv', argv: ['/opt/Confer/confer'] }); // the cold start, no link
    emit('second-instance', {}, ['/opt/Confer/confer', 'confer://join/standup'], '/home/u');
    expect(shown).toEqual(['show']);
    expect(startPageUrl(inbox.drain(), roomOf)).toBe('app://confer/room/standup');
  });

  it('opens the room of a cold-start link (argv or macOS open-url), the latest winning, else the start page', () => {
    const { app, emit } = fakeApp();
    const inbox = new LinkInbox();
    registerEarlyAppEvents(app, inbox, () => {});
    inbox.push({ kind: 'argv', argv: ['exe', 'confer://join/first'] });
    let prevented = false;
    emit('open-url', { preventDefault: () => (prevented = true) }, 'confer://join/second');
    expect(prevented).toBe(true);
    expect(startPageUrl(inbox.drain(), roomOf)).toBe('app://confer/room/second');
    expect(startPageUrl([{ kind: 'url', url: 'javascript:alert(1)' }], roomOf)).toBe('app://confer/');
    expect(startPageUrl([], roomOf)).toBe('app://confer/');
  });

  it('brings the window back when the macOS dock icon is clicked', () => {
    const { app, emit } = fakeApp();
    const shown: string[] = [];
    registerEarlyAppEvents(app, new LinkInbox(), () => shown.push('show'));
    emit('activate');
    expect(shown).toEqual(['show']);
  });
});
