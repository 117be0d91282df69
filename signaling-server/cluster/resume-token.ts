/**
 * Resume tokens: HS256 JWTs bound to one participant id, room and user, short-lived. Signed
 * with a key derived from JWT_SECRET (never the session key itself), so a resume token can never
 * pass as a session token or the other way round. Every node with the same JWT_SECRET accepts it.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import type { ResumeToken } from '../../protocol';

/** What a valid resume token says. */
export interface ResumeClaims {
  participantId: string;
  room: string;
  userId: string;
}

/** A verified token: its claims, its own id (each token is good for one resume) and its expiry (ms). */
export interface VerifiedResumeToken extends ResumeClaims {
  tokenId: string;
  expiresAt: number;
}

const ALG = 'HS256';
const keys = new WeakMap<Uint8Array, Uint8Array>();

function resumeKey(secret: Uint8Array): Uint8Array {
  let key = keys.get(secret);
  if (!key) {
    key = new Uint8Array(createHmac('sha256', secret).update('confer resume token v1').digest());
    keys.set(secret, key);
  }
  return key;
}

/** Issues a token for `claims`, valid for `ttlSeconds` from `nowMs`. */
export async function issueResumeToken(secret: Uint8Array, claims: ResumeClaims, ttlSeconds: number, nowMs: number): Promise<ResumeToken> {
  const iat = Math.floor(nowMs / 1000);
  const token = await new SignJWT({ pid: claims.participantId, room: claims.room })
    .setProtectedHeader({ alg: ALG, typ: 'confer-resume' })
    .setSubject(claims.userId)
    .setJti(randomBytes(16).toString('base64url'))
    .setIssuedAt(iat)
    .setExpirationTime(iat + ttlSeconds)
    .sign(resumeKey(secret));
  return { token, expiresAt: (iat + ttlSeconds) * 1000 };
}

/** The claims of a valid token, or undefined (bad signature, expired, malformed: the caller refuses alike). */
export async function verifyResumeToken(secret: Uint8Array, token: string, nowMs: number): Promise<VerifiedResumeToken | undefined> {
  try {
    const { payload, protectedHeader } = await jwtVerify(token, resumeKey(secret), {
      algorithms: [ALG],
      currentDate: new Date(nowMs),
      requiredClaims: ['exp', 'sub', 'jti'],
    });
    if (protectedHeader.typ !== 'confer-resume') return undefined;
    const { pid, room, sub, jti, exp } = payload as { pid?: unknown; room?: unknown; sub?: unknown; jti?: unknown; exp?: unknown };
    if (typeof pid !== 'string' || typeof room !== 'string' || typeof sub !== 'string' || typeof jti !== 'string' || typeof exp !== 'number') return undefined;
    return { participantId: pid, room, userId: sub, tokenId: jti, expiresAt: exp * 1000 };
  } catch {
    return undefined;
  }
}
