import { matchShortcut, type KeyLike } from './shortcuts';

const key = (k: string, mods: Partial<KeyLike> = {}): KeyLike => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

describe('matchShortcut', () => {
  it('maps Ctrl/Cmd+D and Ctrl/Cmd+E', () => {
    expect(matchShortcut(key('d', { ctrlKey: true }))).toBe('toggleMic');
    expect(matchShortcut(key('D', { metaKey: true }))).toBe('toggleMic');
    expect(matchShortcut(key('e', { ctrlKey: true }))).toBe('toggleCamera');
    expect(matchShortcut(key('у', { ctrlKey: true, code: 'KeyE' }))).toBe('toggleCamera');
  });
  it('ignores plain keys, other modifiers and auto-repeat', () => {
    expect(matchShortcut(key('d'))).toBeNull();
    expect(matchShortcut(key('d', { ctrlKey: true, shiftKey: true }))).toBeNull();
    expect(matchShortcut(key('e', { ctrlKey: true, altKey: true }))).toBeNull();
    expect(matchShortcut(key('d', { ctrlKey: true, repeat: true }))).toBeNull();
    expect(matchShortcut(key('k', { ctrlKey: true }))).toBeNull();
  });
});
