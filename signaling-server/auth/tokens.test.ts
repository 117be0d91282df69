import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, exportSPKI, generateKeyPair } from 'jose';
import { loadConfig } from '../config';
import type { JwtConfig } from '../config';
import { AuthError, bearerToken, createTokenVerifier, issueToken } from './tokens';

const NOW = Date.UTC(2025, 5, 1);
const jwt = (extra: Record<string, string> = {}): JwtConfig =>
  loadConfig({ JWT_SECRET: 'k'.repeat(32), JWT_ISSUER: 'confer', JWT_AUDIENCE: 'confer-web', ...extra }).jwt;
const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

async function refusal(promise: Promise<unknown>): Promise<AuthError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AuthError);
  return err as AuthError;
}

describe('issueToken + createTokenVerifier', () => {
  it('round-trips the room, name and a random user id', async () => {
    const config = jwt();
    const issued = await issueToken(config, 600, { room: 'standup', name: 'Ada' }, NOW);
    expect(issued.expiresAt).toBe(NOW + 600_000);
    const claims = await createTokenVerifier(config, () => NOW + 1000)(issued.token);
    expect(claims).toEqual({ userId: issued.userId, room: 'standup', name: 'Ada', role: 'guest', idp: false });
    expect(issued.userId).toMatch(/^[A-Za-z0-9_-]{16}$/);
  });

  it('reports an expired token as TOKEN_EXPIRED', async () => {
    const config = jwt();
    const { token } = await issueToken(config, 60, { room: 'r', name: 'A' }, NOW);
    const err = await refusal(createTokenVerifier(config, () => NOW + 61_000)(token));
    expect(err.code).toBe('TOKEN_EXPIRED');
  });

  it('refuses a token signed with another key', async () => {
    const { token } = await issueToken(jwt({ JWT_SECRET: 'z'.repeat(32) }), 60, { room: 'r', name: 'A' }, NOW);
    expect((await refusal(createTokenVerifier(jwt(), () => NOW)(token))).code).toBe('UNAUTHORIZED');
  });

  it('refuses a hand-built alg:none token', async () => {
    const token = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'u', room: 'r', name: 'A', iss: 'confer', aud: 'confer-web', exp: NOW / 1000 + 60 })}.`;
    expect((await refusal(createTokenVerifier(jwt(), () => NOW)(token))).code).toBe('UNAUTHORIZED');
  });

  it('refuses a wrong issuer or audience', async () => {
    const other = await issueToken(jwt({ JWT_ISSUER: 'someone-else' }), 60, { room: 'r', name: 'A' }, NOW);
    expect((await refusal(createTokenVerifier(jwt(), () => NOW)(other.token))).code).toBe('UNAUTHORIZED');
    const aud = await issueToken(jwt({ JWT_AUDIENCE: 'other-app' }), 60, { room: 'r', name: 'A' }, NOW);
    expect((await refusal(createTokenVerifier(jwt(), () => NOW)(aud.token))).code).toBe('UNAUTHORIZED');
  });

  it('refuses a valid signature over claims without a usable room', async () => {
    const config = jwt();
    const token = await new SignJWT({ room: '../admin', name: 'A' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u')
      .setIssuer('confer')
      .setAudience('confer-web')
      .setExpirationTime(NOW / 1000 + 60)
      .sign(config.secret);
    expect((await refusal(createTokenVerifier(config, () => NOW)(token))).code).toBe('UNAUTHORIZED');
  });

  it('reads bearer tokens', () => {
    expect(bearerToken('Bearer abc.def.ghi')).toBe('abc.def.ghi');
    expect(bearerToken('Basic abc')).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });
});

describe('JWKS verification', () => {
  let server: http.Server;
  let jwksUrl: string;
  let keys: Awaited<ReturnType<typeof generateKeyPair>>;

  beforeAll(async () => {
    keys = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(keys.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    server = http.createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const sign = (alg: string, key: Parameters<SignJWT['sign']>[0]) =>
    new SignJWT({ room: 'board', name: 'Grace' })
      .setProtectedHeader({ alg, kid: 'k1' })
      .setSubject('employee-7')
      .setIssuer('confer')
      .setAudience('confer-web')
      .setExpirationTime(NOW / 1000 + 60)
      .sign(key);

  it('accepts an RS256 token of the identity provider', async () => {
    const verify = createTokenVerifier(jwt({ JWT_JWKS_URL: jwksUrl }), () => NOW);
    expect(await verify(await sign('RS256', keys.privateKey))).toEqual({ userId: 'employee-7', room: 'board', name: 'Grace', role: 'guest', idp: true });
  });

  it('refuses algorithm confusion: an HS256 token keyed with the public key', async () => {
    const pem = await exportSPKI(keys.publicKey);
    const forged = await sign('HS256', new TextEncoder().encode(pem));
    const verify = createTokenVerifier(jwt({ JWT_JWKS_URL: jwksUrl }), () => NOW);
    expect((await refusal(verify(forged))).code).toBe('UNAUTHORIZED');
  });

  it('refuses asymmetric tokens when no JWKS is configured', async () => {
    const token = await sign('RS256', keys.privateKey);
    expect((await refusal(createTokenVerifier(jwt(), () => NOW)(token))).code).toBe('UNAUTHORIZED');
  });
});
