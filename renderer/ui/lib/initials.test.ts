import { avatarHue, initials } from './initials';

describe('initials', () => {
  it('takes first and last word', () => {
    expect(initials('ada lovelace')).toBe('AL');
    expect(initials('  Grace  Brewster Hopper ')).toBe('GH');
  });
  it('handles single names, empty names and astral characters', () => {
    expect(initials('bob')).toBe('B');
    expect(initials('   ')).toBe('?');
    expect(initials('😀 smile')).toBe('😀S');
  });
});

describe('avatarHue', () => {
  it('is stable and in range', () => {
    expect(avatarHue('abc')).toBe(avatarHue('abc'));
    expect(avatarHue('abc')).not.toBe(avatarHue('abd'));
    expect(avatarHue('zzzzzzzzzzzzzzzzzzzz')).toBeLessThan(360);
  });
});
