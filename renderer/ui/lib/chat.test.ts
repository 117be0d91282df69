import type { ChatMessage } from '../../../protocol/types';
import { countUnread, mergeChat, unreadLabel } from './chat';

const msg = (id: string, at: number, from = 'p1'): ChatMessage => ({ id, from, name: 'P', text: id, at });

describe('mergeChat', () => {
  it('appends new messages in time order and drops duplicates', () => {
    const a = [msg('1', 10), msg('2', 20)];
    const merged = mergeChat(a, [msg('2', 20), msg('4', 40), msg('3', 30), msg('4', 40)]);
    expect(merged.map((m) => m.id)).toEqual(['1', '2', '3', '4']);
  });
  it('returns the same array when nothing is new', () => {
    const a = [msg('1', 10)];
    expect(mergeChat(a, [msg('1', 10)])).toBe(a);
  });
});

describe('countUnread', () => {
  it('counts others’ messages while the panel is closed', () => {
    expect(countUnread(0, msg('1', 1, 'other'), 'me', false)).toBe(1);
    expect(countUnread(3, msg('1', 1, 'other'), 'me', false)).toBe(4);
  });
  it('ignores own messages and messages read with the panel open', () => {
    expect(countUnread(2, msg('1', 1, 'me'), 'me', false)).toBe(2);
    expect(countUnread(2, msg('1', 1, 'other'), 'me', true)).toBe(2);
  });
});

describe('unreadLabel', () => {
  it('hides zero and caps large counts', () => {
    expect(unreadLabel(0)).toBeNull();
    expect(unreadLabel(7)).toBe('7');
    expect(unreadLabel(120)).toBe('99+');
  });
});
