import { SignJWT } from 'jose';
import { TEST_SECRET, startHarness } from '../testing/harness';
import type { Harness } from '../testing/harness';

/** Connection-level security: no socket without a valid token from an allowed origin. */
describe('socket connection auth', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ ALLOWED_ORIGINS: 'app://confer' });
  });
  afterAll(() => h.close());

  const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const nowSec = () => Math.floor(Date.now() / 1000);
  const refusedWith = async (token: string | undefined, extra?: Record<string, unknown>) => {
    const err = await h.connect(token, extra).then(
      () => undefined,
      (e: Error & { data?: { code: string } }) => e,
    );
    expect(err).toBeDefined();
    return err?.data?.code;
  };

  it('refuses a connection without a token', async () => {
    expect(await refusedWith(undefined)).toBe('UNAUTHORIZED');
  });

  it('refuses an expired token with TOKEN_EXPIRED', async () => {
    const token = await new SignJWT({ room: 'r', name: 'A' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u')
      .setIssuedAt(nowSec() - 100)
      .setExpirationTime(nowSec() - 10)
      .sign(new TextEncoder().encode(TEST_SECRET));
    expect(await refusedWith(token)).toBe('TOKEN_EXPIRED');
  });

  it('refuses a token signed with a wrong key', async () => {
    const token = await new SignJWT({ room: 'r', name: 'A' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u')
      .setExpirationTime(nowSec() + 60)
      .sign(new TextEncoder().encode('w'.repeat(40)));
    expect(await refusedWith(token)).toBe('UNAUTHORIZED');
  });

  it('refuses an alg:none token', async () => {
    const token = `${b64({ alg: 'none' })}.${b64({ sub: 'u', room: 'r', name: 'A', exp: nowSec() + 60 })}.`;
    expect(await refusedWith(token)).toBe('UNAUTHORIZED');
  });

  it('ignores a token passed in the query string', async () => {
    const token = await h.token('r');
    expect(await refusedWith(undefined, { query: { token } })).toBe('UNAUTHORIZED');
  });

  it('accepts a valid token', async () => {
    const client = await h.connect(await h.token('r'));
    expect(client.connected).toBe(true);
  });

  it('refuses a browser from another origin, accepts the configured extra origin', async () => {
    const token = await h.token('r');
    await expect(h.connect(token, { extraHeaders: { Origin: 'https://evil.example' } })).rejects.toThrow();
    const app = await h.connect(token, { extraHeaders: { Origin: 'app://confer' } });
    expect(app.connected).toBe(true);
    const same = await h.connect(token, { extraHeaders: { Origin: h.url } });
    expect(same.connected).toBe(true);
  });

  it('refuses the polling handshake from another origin', async () => {
    const res = await fetch(`${h.url}/socket.io/?EIO=4&transport=polling`, { headers: { Origin: 'https://evil.example' } });
    expect(res.status).toBeGreaterThanOrEqual(400);
    const ok = await fetch(`${h.url}/socket.io/?EIO=4&transport=polling`);
    expect(ok.status).toBe(200);
  });
});
