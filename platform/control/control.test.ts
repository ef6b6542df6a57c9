import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { call, expectError } from '../test-support/api-client.ts';
import { createOrder, login, type Session } from '../test-support/demo-session.ts';
import { startIsolatedPlatform, type IsolatedPlatform } from '../test-support/isolated-platform.ts';

// Reset deletes every order, so this file has a platform of its own.
let isolated: IsolatedPlatform;
let url: string;
let admin: Record<string, string>;
beforeAll(async () => {
  isolated = await startIsolatedPlatform();
  url = isolated.platform.url;
  admin = { 'x-admin-token': isolated.platform.adminToken };
});
afterAll(async () => {
  await isolated[Symbol.asyncDispose]();
});

describe('the control API', () => {
  test('answers ping with the admin token', async () => {
    const response = await call(url, 'GET', '/_control/ping', { headers: admin });
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ pong: true, releaseId: 'local-1' });
  });

  test.each([
    ['no token', {}],
    ['a wrong token', { 'x-admin-token': 'wrong-token-wrong-token' }],
  ])('refuses %s with 401, on known and unknown control routes', async (_, headers) => {
    expectError(await call(url, 'GET', '/_control/ping', { headers }), 401, 'UNAUTHENTICATED');
    expectError(await call(url, 'POST', '/_control/reset', { headers }), 401, 'UNAUTHENTICATED');
    expectError(await call(url, 'GET', '/_control/unknown', { headers }), 401, 'UNAUTHENTICATED');
  });

  test('answers an unknown control route with 404 once the token is right', async () => {
    expectError(await call(url, 'GET', '/_control/unknown/route', { headers: admin }), 404, 'NOT_FOUND');
  });

  test('a business bearer token does not open the control API', async () => {
    const session = await login(url, isolated.platform.demoParent);
    expectError(await call(url, 'GET', '/_control/ping', { token: session.token }), 401, 'UNAUTHENTICATED');
  });

  test('reset deletes orders and payments, and keeps the seed', async () => {
    const session: Session = await login(url, isolated.platform.demoParent);
    const order = await createOrder(url, session);
    expect(
      (
        await call(url, 'POST', '/payments/intents', {
          token: session.token,
          body: { orderId: order.id },
        })
      ).status,
    ).toBe(201);

    const reset = await call(url, 'POST', '/_control/reset', { headers: admin });
    expect(reset.status).toBe(200);
    expect(reset.json).toMatchObject({ deleted: { orders: 1, paymentIntents: 1 } });

    expectError(await call(url, 'GET', `/orders/${order.id}`, { token: session.token }), 404, 'NOT_FOUND');
    const again = await login(url, isolated.platform.demoParent);
    expect(again.studentId).toBe(session.studentId);
    const menu = await call(url, 'GET', `/schools/${again.schoolId}/menus?date=2026-12-01`, {
      token: again.token,
    });
    expect(menu.status).toBe(200);
  });
});
