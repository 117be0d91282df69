import { chatNotice, inBackground, mentions, NoticeThrottle } from './notify-policy';
import type { Notice } from './notify-policy';

describe('inBackground', () => {
  it('is true when the page is hidden or another window has the focus', () => {
    expect(inBackground({ hidden: false, hasFocus: () => true })).toBe(false);
    expect(inBackground({ hidden: false, hasFocus: () => false })).toBe(true);
    expect(inBackground({ hidden: true, hasFocus: () => true })).toBe(true);
  });
});

describe('mentions', () => {
  it('matches the display name case-insensitively as a whole word', () => {
    expect(mentions('hey ada, are you there?', 'Ada')).toBe(true);
    expect(mentions('@ADA look', 'Ada')).toBe(true);
    expect(mentions('Ada', 'Ada')).toBe(true);
    expect(mentions('Adam said so', 'Ada')).toBe(false);
    expect(mentions('Canada is big', 'Ada')).toBe(false);
    expect(mentions('ada_1 wrote', 'Ada')).toBe(false);
  });

  it('matches the full name or its first word, never other parts', () => {
    expect(mentions('thanks ada lovelace!', 'Ada Lovelace')).toBe(true);
    expect(mentions('Ada: the slides?', 'Ada Lovelace')).toBe(true);
    expect(mentions('Lovelace wrote this', 'Ada Lovelace')).toBe(false);
  });

  it('treats letters beyond ASCII as word characters and names as text, not patterns', () => {
    expect(mentions('Frag Jörg.', 'jörg')).toBe(true);
    expect(mentions('Jörgen fragt', 'Jörg')).toBe(false);
    expect(mentions('ask A.B. now', 'A.B.')).toBe(true);
    expect(mentions('ask AxBx now', 'A.B.')).toBe(false);
    expect(mentions('anything', '   ')).toBe(false);
  });
});

describe('chatNotice', () => {
  const msg = (from: string, text: string) => ({ id: '1', from, name: 'Grace', text, at: 0 });
  it('ignores our own messages, tells a mention from a plain message', () => {
    expect(chatNotice(msg('me', 'hi Ada'), 'me', 'Ada')).toBeNull();
    expect(chatNotice(msg('g', 'hi Ada'), 'me', 'Ada')).toEqual({ kind: 'mention', name: 'Grace', text: 'hi Ada' });
    expect(chatNotice(msg('g', 'hi all'), 'me', 'Ada')).toEqual({ kind: 'chat', name: 'Grace', text: 'hi all' });
  });
});

describe('NoticeThrottle', () => {
  function setup(background = true) {
    jest.useFakeTimers();
    const shown: Notice[] = [];
    const focus = { background };
    const throttle = new NoticeThrottle({
      now: () => Date.now(),
      setTimer: (fn, ms) => setTimeout(fn, ms),
      clearTimer: (t) => clearTimeout(t as NodeJS.Timeout),
      inBackground: () => focus.background,
      show: (n) => shown.push(n),
      gatherMs: 1000,
      spacingMs: 5000,
    });
    return { throttle, shown, focus };
  }
  afterEach(() => jest.useRealTimers());

  it('shows nothing while the window has the focus', () => {
    const { throttle, shown } = setup(false);
    throttle.push({ kind: 'join', name: 'Ada' });
    jest.advanceTimersByTime(10_000);
    expect(shown).toEqual([]);
  });

  it('gathers a burst of joins into one notice with the count', () => {
    const { throttle, shown } = setup();
    throttle.push({ kind: 'join', name: 'Ada' });
    throttle.push({ kind: 'join', name: 'Grace' });
    throttle.push({ kind: 'join', name: 'Linus' });
    jest.advanceTimersByTime(1000);
    expect(shown).toEqual([{ kind: 'join', name: 'Ada', count: 3 }]);
  });

  it('shows at most one notice per kind per spacing; other kinds are independent', () => {
    const { throttle, shown } = setup();
    throttle.push({ kind: 'chat', name: 'Ada', text: 'one' });
    jest.advanceTimersByTime(1000);
    throttle.push({ kind: 'chat', name: 'Ada', text: 'two' });
    throttle.push({ kind: 'chat', name: 'Grace', text: 'three' });
    throttle.push({ kind: 'mention', name: 'Grace', text: 'hey Ada' });
    jest.advanceTimersByTime(1000);
    expect(shown.map((n) => [n.kind, n.count])).toEqual([['chat', 1], ['mention', 1]]);
    jest.advanceTimersByTime(3999); // 5 s after the first chat notice
    expect(shown).toHaveLength(2);
    jest.advanceTimersByTime(1);
    expect(shown[2]).toEqual({ kind: 'chat', name: 'Ada', text: 'three', count: 2 });
  });

  it('drops what was gathered when the user comes back before it is due, and on dispose', () => {
    const { throttle, shown, focus } = setup();
    throttle.push({ kind: 'knock', name: 'Ada' });
    focus.background = false;
    jest.advanceTimersByTime(1000);
    focus.background = true;
    throttle.push({ kind: 'join', name: 'Grace' });
    throttle.dispose();
    jest.advanceTimersByTime(10_000);
    expect(shown).toEqual([]);
  });
});
