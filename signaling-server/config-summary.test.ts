import { loadConfig } from './config';
import { describeConfig } from './config-summary';

describe('describeConfig', () => {
  it('says whether a public origin is set, and what same-origin means without one', () => {
    const without = describeConfig(loadConfig({})).join('\n');
    expect(without).toMatch(/public origin\s+none \(.*PUBLIC_ORIGIN\)/);
    const withOrigin = describeConfig(loadConfig({ PUBLIC_ORIGIN: 'https://Meet.Example' })).join('\n');
    expect(withOrigin).toMatch(/public origin\s+https:\/\/meet\.example$/m);
  });

  it('never prints a secret, only whether it is set', () => {
    const secret = 'j'.repeat(40);
    const text = describeConfig(loadConfig({ JWT_SECRET: secret, TURN_URLS: 'turn:127.0.0.1:3478', TURN_SECRET: 't'.repeat(40) })).join('\n');
    expect(text).not.toContain(secret);
    expect(text).not.toContain('t'.repeat(40));
    expect(text).toContain('from JWT_SECRET');
  });

  it('refuses a PUBLIC_ORIGIN that is not an http(s) origin', () => {
    expect(() => loadConfig({ PUBLIC_ORIGIN: 'meet.example' })).toThrow(/PUBLIC_ORIGIN/);
    expect(() => loadConfig({ PUBLIC_ORIGIN: 'ftp://meet.example' })).toThrow(/PUBLIC_ORIGIN/);
  });
});
