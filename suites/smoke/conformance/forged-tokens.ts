import { createHmac, randomBytes } from 'node:crypto';

/** Bearer tokens that must each be refused with 401, made from a real one so they look plausible. */
export const FORGED_TOKENS = ['garbage', 'wrong-signature', 'alg-none', 'expired'] as const;
export type ForgedToken = (typeof FORGED_TOKENS)[number];

const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

function decodePart(part: string | undefined): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

/**
 * - garbage: not a JWT at all;
 * - wrong-signature: the real header and claims, signed with a key nobody has;
 * - alg-none: the real claims under `alg: none` with no signature (the classic bypass);
 * - expired: the real claims with `exp` an hour ago, signed with `signingKey` when the
 *   platform's key is known (HARNESS_JWT_SECRET), else with a key nobody has.
 */
export function forgeToken(kind: ForgedToken, valid: string, signingKey?: string): string {
  const [header, payload] = valid.split('.');
  const sign = (data: string, key: string | Buffer): string =>
    createHmac('sha256', key).update(data).digest('base64url');
  switch (kind) {
    case 'garbage':
      return `not-a-token-${randomBytes(8).toString('hex')}`;
    case 'wrong-signature': {
      const data = `${header}.${payload}`;
      return `${data}.${sign(data, randomBytes(32))}`;
    }
    case 'alg-none':
      return `${encode({ alg: 'none', typ: 'JWT' })}.${payload}.`;
    case 'expired': {
      const now = Math.floor(Date.now() / 1000);
      const claims = { ...decodePart(payload), iat: now - 7200, exp: now - 3600 };
      const data = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}`;
      return `${data}.${sign(data, signingKey ?? randomBytes(32))}`;
    }
  }
}
