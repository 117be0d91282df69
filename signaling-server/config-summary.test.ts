import { loadConfig } from './config';
import { configWarnings, describeConfig } from './config-summary';

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

describe('a company identity provider (JWT_JWKS_URL)', () => {
  const jwks = { JWT_JWKS_URL: 'https://idp.example/.well-known/jwks.json' };

  it('turns anonymous session issuing off unless SESSION_ISSUING says on', () => {
    expect(loadConfig(jwks).sessionIssuing).toBe(false);
    expect(loadConfig({ ...jwks, SESSION_ISSUING: 'on' }).sessionIssuing).toBe(true);
    expect(loadConfig({}).sessionIssuing).toBe(true);
  });

  it('accepts keys over https only, plain http only from this machine', () => {
    expect(() => loadConfig({ JWT_JWKS_URL: 'http://idp.example/jwks' })).toThrow(/JWT_JWKS_URL must be an https URL/);
    expect(loadConfig({ JWT_JWKS_URL: 'http://127.0.0.1:9000/jwks' }).jwt.jwksUrl?.host).toBe('127.0.0.1:9000');
    expect(loadConfig({ JWT_JWKS_URL: 'http://localhost:9000/jwks' }).jwt.jwksUrl?.host).toBe('localhost:9000');
  });

  it('warns at start without JWT_AUDIENCE, and when anonymous sessions stay on beside it', () => {
    expect(configWarnings(loadConfig(jwks))).toEqual([expect.stringMatching(/JWT_AUDIENCE/)]);
    expect(configWarnings(loadConfig({ ...jwks, JWT_AUDIENCE: 'confer' }))).toEqual([]);
    expect(configWarnings(loadConfig({ ...jwks, JWT_AUDIENCE: 'confer', SESSION_ISSUING: 'on' }))).toEqual([expect.stringMatching(/SESSION_ISSUING/)]);
    expect(describeConfig(loadConfig(jwks)).join('\n')).toMatch(/WARNING .*JWT_AUDIENCE/);
    expect(configWarnings(loadConfig({}))).toEqual([]);
  });
});
