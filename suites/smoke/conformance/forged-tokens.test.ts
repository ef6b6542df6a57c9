import { jwtVerify, SignJWT } from 'jose';
import { describe, expect, test } from 'vitest';
import { FORGED_TOKENS, forgeToken } from './forged-tokens.ts';

const SECRET = 'a-signing-key-of-at-least-32-characters';
const key = new TextEncoder().encode(SECRET);
const options = { issuer: 'hasivu-platform', audience: 'hasivu-api', algorithms: ['HS256'] };
const valid = await new SignJWT({ role: 'parent' })
  .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
  .setSubject('user-1')
  .setIssuer('hasivu-platform')
  .setAudience('hasivu-api')
  .setIssuedAt()
  .setExpirationTime('1h')
  .sign(key);

describe('forged bearer tokens', () => {
  test.each(FORGED_TOKENS)('a %s token is refused by a correct verifier', async (kind) => {
    await expect(jwtVerify(forgeToken(kind, valid, SECRET), key, options)).rejects.toThrow();
  });

  test('the expired token, signed with the real key, fails only on its expiry', async () => {
    const expired = forgeToken('expired', valid, SECRET);
    await expect(jwtVerify(expired, key, options)).rejects.toMatchObject({
      code: 'ERR_JWT_EXPIRED',
    });
    const before = new Date(Date.now() - 90 * 60_000);
    const { payload } = await jwtVerify(expired, key, { ...options, currentDate: before });
    expect(payload.sub).toBe('user-1');
  });

  test('alg none keeps the real claims and has no signature', () => {
    const [header, payload, signature] = forgeToken('alg-none', valid).split('.');
    expect(JSON.parse(Buffer.from(header ?? '', 'base64url').toString())).toEqual({
      alg: 'none',
      typ: 'JWT',
    });
    expect(payload).toBe(valid.split('.')[1]);
    expect(signature).toBe('');
  });
});
