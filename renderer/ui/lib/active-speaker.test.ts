import { ActiveSpeaker } from './active-speaker';

const who = ['ada', 'bob', 'cy'];
const talking = (...ids: string[]) => (id: string) => ids.includes(id);

describe('ActiveSpeaker', () => {
  it('is nobody until someone speaks, then the first who does', () => {
    const a = new ActiveSpeaker(2000);
    expect(a.update(who, talking(), 0)).toBeNull();
    expect(a.update(who, talking('bob'), 100)).toBe('bob');
  });

  it('holds the speaker through pauses while others interject, and switches after the hold', () => {
    const a = new ActiveSpeaker(2000);
    a.update(who, talking('ada'), 0);
    expect(a.update(who, talking('ada', 'bob'), 500)).toBe('ada');
    // Ada pauses, Bob says something short: still Ada.
    expect(a.update(who, talking('bob'), 1000)).toBe('ada');
    expect(a.update(who, talking(), 1500)).toBe('ada');
    expect(a.update(who, talking('bob'), 2400)).toBe('ada');
    // Ada quiet for the whole hold while Bob speaks: Bob.
    expect(a.update(who, talking('bob'), 2500)).toBe('bob');
    // Silence keeps the last speaker.
    expect(a.update(who, talking(), 10_000)).toBe('bob');
  });

  it('moves on at once when the speaker leaves', () => {
    const a = new ActiveSpeaker(2000);
    a.update(who, talking('ada'), 0);
    expect(a.update(['bob', 'cy'], talking('cy'), 100)).toBe('cy');
    expect(a.update(['bob'], talking(), 200)).toBeNull();
  });
});
