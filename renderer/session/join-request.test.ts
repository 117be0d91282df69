import { decideJoinRequest } from './join-request';

const at = (phase: 'lobby' | 'call' | 'ended') => ({ roomName: 'standup', phase });

describe('decideJoinRequest', () => {
  it.each([
    ['lobby', 'retro', { kind: 'open', room: 'retro' }],
    ['ended', 'retro', { kind: 'open', room: 'retro' }],
    ['call', 'retro', { kind: 'ask', room: 'retro' }],
    ['lobby', 'standup', { kind: 'stay' }],
    ['call', 'standup', { kind: 'stay' }],
    ['ended', 'standup', { kind: 'reopen' }],
  ] as const)('in the %s of standup, a link to %s: %j', (phase, room, decision) => {
    expect(decideJoinRequest(at(phase), room)).toEqual(decision);
  });

  it.each(['', '../etc', 'has space', '-dash', 'a'.repeat(200)])('refuses the room name %j with the reason', (room) => {
    const d = decideJoinRequest(at('call'), room);
    expect(d.kind).toBe('invalid');
    expect(d.kind === 'invalid' && d.message).toMatch(/^That link can't be opened: \S/);
  });

  it('refuses a request that is not a string', () => {
    expect(decideJoinRequest(at('lobby'), { room: 'retro' })).toEqual({ kind: 'invalid', message: 'That link does not name a room.' });
  });
});
