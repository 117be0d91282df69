import { createHash } from 'node:crypto';
import { iceServersFor, turnCredentials } from './credentials';

/** HMAC-SHA1 written out from RFC 2104 with plain SHA-1, so the test does not share code with the implementation. */
function rfc2104HmacSha1(key: string, message: string): string {
  const block = 64;
  let k = Buffer.from(key, 'utf8');
  if (k.length > block) k = createHash('sha1').update(k).digest();
  const padded = Buffer.concat([k, Buffer.alloc(block - k.length)]);
  const ipad = Buffer.from(padded.map((b) => b ^ 0x36));
  const opad = Buffer.from(padded.map((b) => b ^ 0x5c));
  const inner = createHash('sha1').update(ipad).update(message, 'utf8').digest();
  return createHash('sha1').update(opad).update(inner).digest('base64');
}

const NOW = Date.UTC(2025, 0, 1, 12, 0, 0); // 1735732800 s

describe('turnCredentials', () => {
  it('builds the coturn REST username and HMAC password', () => {
    const creds = turnCredentials('north-secret', 'user42', 3600, NOW + 999);
    expect(creds.username).toBe('1735736400:user42');
    expect(creds.credential).toBe(rfc2104HmacSha1('north-secret', '1735736400:user42'));
    expect(creds.expiresAt).toBe(1735736400 * 1000);
  });

  it('matches the RFC 2202 HMAC-SHA1 test case 2, checking the reference itself', () => {
    const hex = Buffer.from(rfc2104HmacSha1('Jefe', 'what do ya want for nothing?'), 'base64').toString('hex');
    expect(hex).toBe('effcdf6ae5eb2fa2d27416d5f184df9c259a7c79');
  });
});

describe('iceServersFor', () => {
  const base = { stunUrls: ['stun:a:3478'], turnUrls: ['turn:t:3478'], turnTtlSeconds: 60 };

  it('gives STUN only when no TURN secret is set', () => {
    expect(iceServersFor({ ...base }, 'u', NOW)).toEqual({ iceServers: [{ urls: ['stun:a:3478'] }] });
  });

  it('adds a TURN entry with credentials and expiresAt when secret and URLs are set', () => {
    const res = iceServersFor({ ...base, turnSecret: 'k' }, 'u', NOW);
    expect(res.expiresAt).toBe(NOW + 60_000);
    expect(res.iceServers[1]).toEqual({
      urls: ['turn:t:3478'],
      username: `${NOW / 1000 + 60}:u`,
      credential: rfc2104HmacSha1('k', `${NOW / 1000 + 60}:u`),
    });
  });

  it('gives nothing when nothing is configured', () => {
    expect(iceServersFor({ stunUrls: [], turnUrls: [], turnSecret: 'k', turnTtlSeconds: 60 }, 'u', NOW)).toEqual({ iceServers: [] });
  });
});
