import path from 'node:path';
import { ConfigError, loadConfig, repoRoot } from '.';

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig({});
    expect(config.port).toBe(8080);
    expect(config.host).toBe('0.0.0.0');
    expect(config.staticDir).toBe(path.join(repoRoot(), 'dist/renderer'));
    expect(config.sessionIssuing).toBe(true);
    expect(config.tokenTtlSeconds).toBe(43200);
    expect(config.turnTtlSeconds).toBe(3600);
    expect(config.rateLimit).toEqual({ perSec: 50, burst: 200 });
    expect(config.maxParticipants).toBe(25);
    expect(config.stunUrls).toEqual([]);
    expect(config.allowedOrigins).toEqual([]);
    expect(config.logLevel).toBe('info');
  });

  it('generates a random 32-byte secret when JWT_SECRET is unset', () => {
    const a = loadConfig({}).jwt;
    const b = loadConfig({}).jwt;
    expect(a.secretGenerated).toBe(true);
    expect(a.secret).toHaveLength(32);
    expect(Buffer.from(a.secret).equals(Buffer.from(b.secret))).toBe(false);
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      STATIC_DIR: '/srv/www',
      JWT_SECRET: 'x'.repeat(40),
      JWT_JWKS_URL: 'https://idp.example/.well-known/jwks.json',
      JWT_ISSUER: 'https://idp.example',
      JWT_AUDIENCE: 'confer',
      SESSION_ISSUING: 'OFF',
      TOKEN_TTL_SECONDS: '600',
      ALLOWED_ORIGINS: 'https://Meet.Example.com, app://confer',
      STUN_URLS: 'stun:stun.example:3478',
      TURN_URLS: 'turn:turn.example:3478?transport=udp,turns:turn.example:5349',
      TURN_SECRET: 's3cret'.repeat(6),
      TURN_TTL_SECONDS: '120',
      RATE_LIMIT_PER_SEC: '5',
      RATE_LIMIT_BURST: '10',
      MAX_PARTICIPANTS: '4',
      LOG_LEVEL: 'debug',
    });
    expect(config).toMatchObject({
      port: 0,
      host: '127.0.0.1',
      staticDir: '/srv/www',
      sessionIssuing: false,
      tokenTtlSeconds: 600,
      allowedOrigins: ['https://meet.example.com', 'app://confer'],
      stunUrls: ['stun:stun.example:3478'],
      turnUrls: ['turn:turn.example:3478?transport=udp', 'turns:turn.example:5349'],
      turnSecret: 's3cret'.repeat(6),
      turnTtlSeconds: 120,
      rateLimit: { perSec: 5, burst: 10 },
      maxParticipants: 4,
      logLevel: 'debug',
    });
    expect(config.jwt.secretGenerated).toBe(false);
    expect(new TextDecoder().decode(config.jwt.secret)).toBe('x'.repeat(40));
    expect(config.jwt.jwksUrl?.href).toBe('https://idp.example/.well-known/jwks.json');
    expect(config.jwt).toMatchObject({ issuer: 'https://idp.example', audience: 'confer' });
  });

  it.each([
    [{ PORT: '80a' }, 'PORT must be an integer'],
    [{ PORT: '70000' }, 'PORT must be an integer from 0 to 65535'],
    [{ SESSION_ISSUING: 'maybe' }, 'SESSION_ISSUING must be "on" or "off"'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET must be at least 32 characters'],
    [{ JWT_JWKS_URL: 'ftp://x/jwks' }, 'JWT_JWKS_URL must be an https URL'],
    [{ JWT_JWKS_URL: 'http://idp.example/jwks' }, 'JWT_JWKS_URL must be an https URL'],
    [{ ALLOWED_ORIGINS: 'not an origin' }, 'ALLOWED_ORIGINS: "not an origin" is not an origin'],
    [{ STUN_URLS: 'turn:x' }, 'STUN_URLS: "turn:x" must start with stun: or stuns:'],
    [{ TURN_URLS: 'stun:x' }, 'TURN_URLS: "stun:x" must start with turn: or turns:'],
    [{ MAX_PARTICIPANTS: '0' }, 'MAX_PARTICIPANTS must be an integer from 1 to 100'],
    [{ MAX_PARTICIPANTS: '101' }, 'MAX_PARTICIPANTS must be an integer from 1 to 100'],
    [{ RATE_LIMIT_PER_SEC: '-1' }, 'RATE_LIMIT_PER_SEC must be an integer'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of'],
  ])('refuses %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('reads MAX_PARTICIPANTS: 25 by default, up to 100', () => {
    expect(loadConfig({}).maxParticipants).toBe(25);
    expect(loadConfig({ MAX_PARTICIPANTS: '100' }).maxParticipants).toBe(100);
  });

  it('reads MESH_MAX_PARTICIPANTS: 4 by default, 1 (every call on the SFU) to 4', () => {
    expect(loadConfig({}).meshMax).toBe(4);
    expect(loadConfig({ MESH_MAX_PARTICIPANTS: '3' }).meshMax).toBe(3);
    expect(loadConfig({ MESH_MAX_PARTICIPANTS: '1' }).meshMax).toBe(1);
    expect(() => loadConfig({ MESH_MAX_PARTICIPANTS: '5' })).toThrow(/MESH_MAX_PARTICIPANTS/);
    expect(() => loadConfig({ MESH_MAX_PARTICIPANTS: '0' })).toThrow(/MESH_MAX_PARTICIPANTS/);
  });

  it('reads TOPOLOGY_HOLDDOWN_SECONDS', () => {
    expect(loadConfig({}).topologyHoldDownMs).toBe(15_000);
    expect(loadConfig({ TOPOLOGY_HOLDDOWN_SECONDS: '30' }).topologyHoldDownMs).toBe(30_000);
    expect(loadConfig({ TOPOLOGY_HOLDDOWN_SECONDS: '0' }).topologyHoldDownMs).toBe(0);
    expect(() => loadConfig({ TOPOLOGY_HOLDDOWN_SECONDS: '-1' })).toThrow(/TOPOLOGY_HOLDDOWN_SECONDS/);
    expect(() => loadConfig({ TOPOLOGY_HOLDDOWN_SECONDS: '1.5' })).toThrow();
  });

  it('lists every bad variable in one error', () => {
    expect(() => loadConfig({ PORT: 'x', TOKEN_TTL_SECONDS: '1' })).toThrow(/PORT[\s\S]*TOKEN_TTL_SECONDS/);
  });
});
