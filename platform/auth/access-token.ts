import { jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';

const ISSUER = 'hasivu-platform';
const AUDIENCE = 'hasivu-api';
export const ACCESS_TOKEN_TTL_SECONDS = 3600;

export const USER_ROLES = ['parent', 'school_admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** Who is calling, as the token says; handlers authorise from this without a database round trip. */
export interface Principal {
  userId: string;
  role: UserRole;
  schoolId: string;
}

const claimsSchema = z.object({ sub: z.uuid(), role: z.enum(USER_ROLES), schoolId: z.uuid() });

export async function issueAccessToken(principal: Principal, key: Uint8Array): Promise<string> {
  return new SignJWT({ role: principal.role, schoolId: principal.schoolId })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(principal.userId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${ACCESS_TOKEN_TTL_SECONDS}s`)
    .sign(key);
}

/** Throws on a bad signature, a wrong issuer or audience, expiry, or claims of the wrong shape. */
export async function verifyAccessToken(token: string, key: Uint8Array): Promise<Principal> {
  const { payload } = await jwtVerify(token, key, {
    issuer: ISSUER,
    audience: AUDIENCE,
    algorithms: ['HS256'],
  });
  const claims = claimsSchema.parse(payload);
  return { userId: claims.sub, role: claims.role, schoolId: claims.schoolId };
}
