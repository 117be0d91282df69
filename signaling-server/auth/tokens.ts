import { SignJWT, createRemoteJWKSet, decodeProtectedHeader, errors, jwtVerify } from 'jose';
import type { JWTPayload, JWTVerifyOptions } from 'jose';
import { z } from 'zod';
import { ErrorCode, displayNameSchema, roleSchema, roomNameSchema } from '../../protocol';
import type { Role } from '../../protocol';
import type { JwtConfig } from '../config';
import { randomId } from '../ids';

/** The verified identity a token carries. */
export interface TokenClaims {
  userId: string;
  room: string;
  name: string;
  /** 'host' from a session made with the meeting's host key, or an identity provider's `role: "host"` claim. */
  role: Role;
  /** Signed by the company's identity provider (JWKS), not by this server. */
  idp: boolean;
}

/** A refused token, with the code the client is told. */
export class AuthError extends Error {
  constructor(
    readonly code: typeof ErrorCode.Unauthorized | typeof ErrorCode.TokenExpired,
    message: string,
  ) {
    super(message);
  }
}

/** Checks a bearer token and returns its claims, or throws AuthError. */
export type TokenVerifier = (token: string) => Promise<TokenClaims>;

/** Algorithms accepted from the identity provider's JWKS. Symmetric ones never: that is algorithm confusion. */
export const JWKS_ALGORITHMS = ['RS256', 'ES256', 'PS256', 'EdDSA'];
const LOCAL_ALGORITHM = 'HS256';

const claimsSchema = z.object({
  sub: z.string().min(1).max(128),
  room: roomNameSchema,
  name: displayNameSchema,
  role: roleSchema.optional(),
});

/** Issues a room-scoped HS256 token for a new random user id. */
export async function issueToken(
  jwt: JwtConfig,
  ttlSeconds: number,
  claims: { room: string; name: string; role?: Role },
  nowMs: number,
): Promise<{ token: string; userId: string; expiresAt: number }> {
  const iat = Math.floor(nowMs / 1000);
  const exp = iat + ttlSeconds;
  const userId = randomId();
  let builder = new SignJWT({ room: claims.room, name: claims.name, ...(claims.role && claims.role !== 'guest' ? { role: claims.role } : {}) })
    .setProtectedHeader({ alg: LOCAL_ALGORITHM, typ: 'JWT' })
    .setSubject(userId)
    .setIssuedAt(iat)
    .setExpirationTime(exp);
  if (jwt.issuer) builder = builder.setIssuer(jwt.issuer);
  if (jwt.audience) builder = builder.setAudience(jwt.audience);
  return { token: await builder.sign(jwt.secret), userId, expiresAt: exp * 1000 };
}

/**
 * Builds the verifier. Local tokens are checked with the HS256 secret and only HS256; identity
 * provider tokens with the JWKS and only asymmetric algorithms. Each call to jwtVerify carries an
 * explicit algorithm list, so `alg: none` and an HS256 token signed with a public key are refused.
 */
export function createTokenVerifier(jwt: JwtConfig, now: () => number): TokenVerifier {
  const jwks = jwt.jwksUrl ? createRemoteJWKSet(jwt.jwksUrl) : undefined;
  const options = (algorithms: string[]): JWTVerifyOptions => ({
    algorithms,
    issuer: jwt.issuer,
    audience: jwt.audience,
    currentDate: new Date(now()),
    requiredClaims: ['exp', 'sub'],
  });

  return async (token) => {
    let payload: JWTPayload;
    let idp = false;
    try {
      const { alg } = decodeProtectedHeader(token);
      idp = alg !== LOCAL_ALGORITHM;
      if (alg === LOCAL_ALGORITHM) payload = (await jwtVerify(token, jwt.secret, options([LOCAL_ALGORITHM]))).payload;
      else if (jwks && alg && JWKS_ALGORITHMS.includes(alg)) payload = (await jwtVerify(token, jwks, options(JWKS_ALGORITHMS))).payload;
      else throw new AuthError(ErrorCode.Unauthorized, 'token algorithm not accepted');
    } catch (err) {
      if (err instanceof AuthError) throw err;
      if (err instanceof errors.JWTExpired) throw new AuthError(ErrorCode.TokenExpired, 'token expired');
      // Details (bad signature, wrong issuer...) stay out of the answer: they help an attacker, not a user.
      throw new AuthError(ErrorCode.Unauthorized, 'invalid token');
    }
    const claims = claimsSchema.safeParse(payload);
    if (!claims.success) throw new AuthError(ErrorCode.Unauthorized, 'token lacks room, name or subject');
    return { userId: claims.data.sub, room: claims.data.room, name: claims.data.name, role: claims.data.role ?? 'guest', idp };
  };
}

/** The token of an `Authorization: Bearer <token>` header, if any. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}
