import { serverStatusText } from './server-status';

describe('serverStatusText', () => {
  it('says nothing before a name is typed, and a distinct sentence for each other state', () => {
    expect(serverStatusText('idle')).toBeNull();
    const texts = (['connecting', 'ready', 'unreachable'] as const).map(serverStatusText);
    expect(new Set(texts).size).toBe(3);
    expect(serverStatusText('ready')).toBe('Ready to join');
    expect(serverStatusText('unreachable')).toMatch(/can.t reach/i);
  });
});
