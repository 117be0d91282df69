import { parseRoute, roomNameProblem, roomPath } from './route';

describe('parseRoute', () => {
  it('recognises the start page', () => {
    expect(parseRoute('/')).toEqual({ kind: 'start' });
    expect(parseRoute('')).toEqual({ kind: 'start' });
    expect(parseRoute('/settings')).toEqual({ kind: 'settings' });
    expect(parseRoute('/settings/')).toEqual({ kind: 'settings' });
  });
  it('reads the room name', () => {
    expect(parseRoute('/room/demo')).toEqual({ kind: 'room', name: 'demo' });
    expect(parseRoute('/room/team_1-a/')).toEqual({ kind: 'room', name: 'team_1-a' });
  });
  it('flags names the server would refuse', () => {
    expect(parseRoute('/room/-bad')).toEqual({ kind: 'invalidRoom', name: '-bad' });
    expect(parseRoute('/room/a%20b')).toEqual({ kind: 'invalidRoom', name: 'a b' });
    expect(parseRoute('/room/%E0%A4%A')).toEqual({ kind: 'invalidRoom', name: '%E0%A4%A' });
  });
  it('rejects other paths', () => {
    expect(parseRoute('/nope')).toEqual({ kind: 'notFound' });
    expect(parseRoute('/room/a/b')).toEqual({ kind: 'notFound' });
  });
});

describe('roomNameProblem', () => {
  it('accepts valid names and explains invalid ones', () => {
    expect(roomNameProblem('demo')).toBeNull();
    expect(roomNameProblem('')).toMatch(/Enter/);
    expect(roomNameProblem('x'.repeat(65))).toMatch(/64/);
    expect(roomNameProblem('_x')).toMatch(/letters/);
    expect(roomNameProblem('a/b')).toMatch(/letters/);
  });
});

describe('roomPath', () => {
  it('builds paths', () => {
    expect(roomPath('demo')).toBe('/room/demo');
  });
});
