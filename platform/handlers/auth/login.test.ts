import { SignJWT } from 'jose';
import { describe, expect, inject, test } from 'vitest';
import { DEMO_SCHOOL } from '../../db/demo-data.ts';
import { call, expectError } from '../../test-support/api-client.ts';
import { LoginResponseSchema } from '../../../fixtures/platform-contract/business.ts';
import { login } from '../../test-support/demo-session.ts';

const { url, demoParent } = inject('platform');

describe('POST /auth/login', () => {
  test('returns a bearer token and the user block with school and student', async () => {
    const response = await call(url, 'POST', '/auth/login', { body: demoParent });
    expect(response.status).toBe(200);
    const body = LoginResponseSchema.parse(response.json);
    expect(body).toMatchObject({
      tokenType: 'Bearer',
      expiresIn: 3600,
      user: { role: 'parent', schoolId: DEMO_SCHOOL.id },
    });
    expect(body.user.students).toHaveLength(1);
  });

  test('treats the email case-insensitively', async () => {
    const response = await call(url, 'POST', '/auth/login', {
      body: { ...demoParent, email: demoParent.email.toUpperCase() },
    });
    expect(response.status).toBe(200);
  });

  test.each([
    ['a wrong password', { email: demoParent.email, password: 'not-the-password' }],
    ['an unknown email', { email: 'nobody@demo.hasivu.test', password: 'whatever-password' }],
  ])('refuses %s with 401 INVALID_CREDENTIALS', async (_, body) => {
    expectError(await call(url, 'POST', '/auth/login', { body }), 401, 'INVALID_CREDENTIALS');
  });

  test('reports each bad field with 400 VALIDATION_FAILED', async () => {
    const response = await call(url, 'POST', '/auth/login', { body: { email: 'not-an-email' } });
    expectError(response, 400, 'VALIDATION_FAILED');
    expect(response.json).toMatchObject({
      error: { details: { email: [expect.any(String)], password: [expect.any(String)] } },
    });
  });

  test('answers malformed JSON with 400, not 500', async () => {
    expectError(
      await call(url, 'POST', '/auth/login', {
        rawBody: '{"email":',
        headers: { 'content-type': 'application/json' },
      }),
      400,
      'VALIDATION_FAILED',
    );
  });
});

describe('bearer tokens', () => {
  const ordersPath = '/orders/00000000-0000-4000-8000-000000000000';

  test('a business endpoint without a token answers 401 UNAUTHENTICATED', async () => {
    expectError(await call(url, 'GET', ordersPath), 401, 'UNAUTHENTICATED');
  });

  test('a token that is not a JWT answers 401 UNAUTHENTICATED', async () => {
    expectError(
      await call(url, 'GET', ordersPath, { headers: { authorization: 'Bearer nonsense' } }),
      401,
      'UNAUTHENTICATED',
    );
  });

  test('a token signed with another key answers 401 UNAUTHENTICATED', async () => {
    const session = await login(url, demoParent);
    const [, payload] = session.token.split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as Record<string, string>;
    const forged = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode('a-completely-different-secret-of-32+chars'));
    expectError(await call(url, 'GET', ordersPath, { token: forged }), 401, 'UNAUTHENTICATED');
  });

  test('the token from login opens business endpoints', async () => {
    const session = await login(url, demoParent);
    // 404 (no such order), not 401: the token was accepted.
    expectError(await call(url, 'GET', ordersPath, { token: session.token }), 404, 'NOT_FOUND');
  });
});
